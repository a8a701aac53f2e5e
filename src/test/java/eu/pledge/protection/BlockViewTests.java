package eu.pledge.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;

import eu.pledge.protection.Admission.Verdict;
import eu.pledge.testing.MutableClock;
import eu.pledge.testing.TestClockConfiguration;

/** Blocks made on another node reach this node's in-memory view within the refresh interval. */
@SpringBootTest
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
class BlockViewTests {

	@Autowired
	Protection protection;

	@Autowired
	AddressRecords addresses;

	@Autowired
	DecisionRecords decisionRecords;

	@Autowired
	Throttles throttles;

	@Autowired
	KnownAddresses known;

	@Autowired
	ProtectionProperties properties;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Test
	void seesABlockMadeByAnotherNodeAfterTheRefreshInterval() {
		Protection otherNode = new Protection(addresses, throttles, known, new BlockView(addresses, decisionRecords, clock, properties),
				clock, properties, transactions);
		String address = TestSubjects.ipv4();
		assertThat(protection.blockedFor(address)).isEmpty(); // this node's view is fresh now

		for (int i = 0; i < 20; i++) {
			otherNode.recordFailure(address, TestSubjects.accountKey());
		}
		assertThat(otherNode.blockedFor(address)).contains(Duration.ofHours(1));
		assertThat(TestSubjects.admission(protection, address, null).verdict()).isEqualTo(Verdict.ADDRESS_BLOCKED);

		clock.advance(properties.blockRefresh());
		assertThat(protection.blockedFor(address)).contains(Duration.ofHours(1).minus(properties.blockRefresh()));
	}

	@Test
	void seesABlockWrittenStraightIntoTheDatabase() {
		BlockView view = new BlockView(addresses, decisionRecords, clock, properties);
		ClientAddress address = ClientAddress.parse(TestSubjects.ipv4(), 64).orElseThrow();
		assertThat(view.blockedFor(address)).isEmpty();

		Instant now = Timestamps.now(clock);
		jdbc.sql("""
				INSERT INTO protection_addresses (address, failures, window_start, blocks, blocked_at, updated_at, expires_at)
				VALUES (:address, 0, :now, 2, :now, :now, :expires)
				""").param("address", address.value()).param("now", now.atOffset(ZoneOffset.UTC))
				.param("expires", now.plus(properties.recordLifetime()).atOffset(ZoneOffset.UTC)).update();
		clock.advance(properties.blockRefresh().minusMillis(1));
		assertThat(view.blockedFor(address)).isEmpty();

		clock.advance(Duration.ofMillis(1));
		assertThat(view.blockedFor(address)).contains(Duration.ofHours(2).minus(properties.blockRefresh()));
	}
}
