package eu.pledge.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

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

/**
 * Blocks made on another node reach this node's in-memory view within the refresh interval; after the first load
 * the view reads only what changed.
 */
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
				clock, properties, transactions, new org.springframework.beans.factory.support.StaticListableBeanFactory().getBeanProvider(AccountKeys.class));
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

	@Test
	void enforcesABanDecidedOnAnotherNodeWithoutLoadingEverythingAgain() {
		CountingDecisionRecords counted = new CountingDecisionRecords(jdbc);
		BlockView view = new BlockView(addresses, counted, clock, properties);
		Decisions otherNode = otherNode();
		ClientAddress address = ClientAddress.parse(TestSubjects.ipv4(), 64).orElseThrow();
		assertThat(view.blockedFor(address)).isEmpty(); // the first look loads everything
		assertThat(counted.fullLoads).hasValue(1);

		otherNode.decide(Decision.Type.BAN, address.value(), Duration.ofHours(4), "bench", "test");
		assertThat(view.blockedFor(address)).isEmpty(); // not looked again yet
		clock.advance(properties.blockRefresh());
		assertThat(view.blockedFor(address)).contains(Duration.ofHours(4).minus(properties.blockRefresh()));
		clock.advance(properties.blockRefresh());
		assertThat(view.blockedFor(address)).isPresent();
		assertThat(counted.fullLoads).hasValue(1);
		assertThat(counted.changeLooks).hasValue(2);
	}

	@Test
	void stopsEnforcingABanLiftedOnAnotherNode() {
		CountingDecisionRecords counted = new CountingDecisionRecords(jdbc);
		BlockView view = new BlockView(addresses, counted, clock, properties);
		Decisions otherNode = otherNode();
		ClientAddress address = ClientAddress.parse(TestSubjects.ipv4(), 64).orElseThrow();
		Decision ban = otherNode.decide(Decision.Type.BAN, address.value(), Duration.ofHours(1), "bench", "test");
		assertThat(view.blockedFor(address)).contains(Duration.ofHours(1));

		clock.advance(properties.blockRefresh());
		Decision longer = otherNode.decide(Decision.Type.BAN, address.value(), Duration.ofHours(3), "bench", "test");
		assertThat(longer.id()).isNotEqualTo(ban.id()); // the first one counts as lifted now
		clock.advance(properties.blockRefresh());
		assertThat(view.blockedFor(address)).contains(Duration.ofHours(3).minus(properties.blockRefresh()));

		assertThat(otherNode.lift(longer.id())).isTrue();
		assertThat(view.blockedFor(address)).isPresent(); // not looked again yet
		clock.advance(properties.blockRefresh());
		assertThat(view.blockedFor(address)).isEmpty();
		clock.advance(Decisions.OVERLAP.plus(properties.blockRefresh())); // the lift leaves the overlapping window
		assertThat(view.blockedFor(address)).isEmpty();
		assertThat(counted.fullLoads).hasValue(1);
	}

	@Test
	void aBanLiftedHereStopsAtOnceAndABlockForFailuresStays() {
		BlockView view = new BlockView(addresses, decisionRecords, clock, properties);
		Decisions here = new Decisions(decisionRecords, view, new SwitchView(decisionRecords, clock, properties), clock,
				properties, transactions);
		Protection protectionHere = new Protection(addresses, throttles, known, view, clock, properties, transactions, new org.springframework.beans.factory.support.StaticListableBeanFactory().getBeanProvider(AccountKeys.class));
		String address = TestSubjects.ipv4();
		ClientAddress client = ClientAddress.parse(address, 64).orElseThrow();
		assertThat(view.blockedFor(client)).isEmpty();
		for (int i = 0; i < properties.addressLimit(); i++) {
			protectionHere.recordFailure(address, TestSubjects.accountKey());
		}
		Decision ban = here.decide(Decision.Type.BAN, address, Duration.ofHours(5), "bench", "test");
		assertThat(view.blockedFor(client)).contains(Duration.ofHours(5));

		here.lift(ban.id());
		assertThat(view.blockedFor(client)).contains(properties.blockDuration());
		clock.advance(properties.blockRefresh());
		assertThat(view.blockedFor(client)).contains(properties.blockDuration().minus(properties.blockRefresh()));
	}

	@Test
	void loadsEverythingAgainWhenTheClockGoesBack() {
		CountingDecisionRecords counted = new CountingDecisionRecords(jdbc);
		BlockView view = new BlockView(addresses, counted, clock, properties);
		ClientAddress address = ClientAddress.parse(TestSubjects.ipv4(), 64).orElseThrow();
		Instant start = clock.instant();
		view.blockedFor(address);
		clock.advance(Duration.ofMinutes(5));
		view.blockedFor(address);
		clock.set(start);
		try {
			otherNode().decide(Decision.Type.BAN, address.value(), Duration.ofHours(1), "bench", "test");
			assertThat(view.blockedFor(address)).isPresent();
			assertThat(counted.fullLoads).hasValue(2);
		}
		finally {
			clock.advance(Duration.ofMinutes(5));
		}
	}

	private Decisions otherNode() {
		return new Decisions(decisionRecords, new BlockView(addresses, decisionRecords, clock, properties),
				new SwitchView(decisionRecords, clock, properties), clock, properties, transactions);
	}

	/** Counts how the view reads the decisions: everything, or the changes. */
	static class CountingDecisionRecords extends DecisionRecords {

		final AtomicInteger fullLoads = new AtomicInteger();
		final AtomicInteger changeLooks = new AtomicInteger();

		CountingDecisionRecords(JdbcClient jdbc) {
			super(jdbc);
		}

		@Override
		Map<String, Instant> activeBans(Instant now) {
			fullLoads.incrementAndGet();
			return super.activeBans(now);
		}

		@Override
		java.util.List<Decision> changedSince(Instant since) {
			changeLooks.incrementAndGet();
			return super.changedSince(since);
		}
	}
}
