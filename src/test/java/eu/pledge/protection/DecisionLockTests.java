package eu.pledge.protection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;

import eu.pledge.testing.PurgedRowHolders;

/**
 * The lock row that serialises the decisions about one address holds even while the purge deletes it: a decision
 * made between the purge's delete and the next insert still waits for the one before it.
 */
@SpringBootTest
@ActiveProfiles("test")
class DecisionLockTests {

	@Autowired
	DecisionRecords records;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void fortyHoldersOfOneAddressNeverOverlapWhileThePurgeKeepsDeletingTheirLockRow() throws Exception {
		ClientAddress address = ClientAddress.parse(TestSubjects.ipv4(), 64).orElseThrow();
		// Each holder's lock row expires at once, so the purge may delete it the moment its holder commits.
		PurgedRowHolders.Outcome outcome = PurgedRowHolders.run(transactions, now -> records.lock(address, now, now),
				records::deleteExpired);
		assertThat(outcome.purged()).as("lock rows the purge deleted meanwhile").isPositive();
		assertThat(outcome.mostAtOnce()).as("holders of the address's lock at the same moment").isEqualTo(1);
	}
}
