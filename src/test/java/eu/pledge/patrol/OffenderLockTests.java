package eu.pledge.patrol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;

import eu.pledge.testing.PurgedRowHolders;

/**
 * A key's escalation row serialises the rule's answers to it, and holds even while the purge deletes it: a
 * detection judged between the purge's delete and the next insert still waits for the one before it, and fails
 * for none.
 */
@SpringBootTest
@ActiveProfiles("test")
class OffenderLockTests {

	@Autowired
	Offenders offenders;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void fortyJudgementsOfOneKeyNeverOverlapWhileThePurgeKeepsDeletingItsRow() throws Exception {
		String key = UUID.randomUUID().toString();
		// Each judgement leaves the row expiring at once, so the purge may delete it the moment it commits.
		PurgedRowHolders.Outcome outcome = PurgedRowHolders.run(transactions,
				now -> offenders.lock("test-rule", key, now, now), offenders::deleteExpired);
		assertThat(outcome.purged()).as("rows the purge deleted meanwhile").isPositive();
		assertThat(outcome.mostAtOnce()).as("judgements of the key at the same moment").isEqualTo(1);
	}
}
