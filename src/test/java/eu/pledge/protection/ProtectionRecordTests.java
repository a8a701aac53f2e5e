package eu.pledge.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import eu.pledge.protection.Admission.Verdict;
import eu.pledge.testing.MutableClock;
import eu.pledge.testing.SecondNode;
import eu.pledge.testing.TestClockConfiguration;

/** What the tables hold: exact counts under concurrency, and nothing past its expiry. */
@SpringBootTest
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
class ProtectionRecordTests {

	private static final List<String> TABLES = List.of("protection_addresses", "protection_throttles",
			"protection_known_addresses");

	@Autowired
	Protection protection;

	@Autowired
	ExpiredRecords expiredRecords;

	@Autowired
	ProtectionProperties properties;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	Environment environment;

	@Test
	void countsConcurrentFailuresExactly() throws Exception {
		String address = TestSubjects.ipv4();
		String account = TestSubjects.accountKey();
		int threads = 5;
		int failuresEach = 5;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<Void>> done = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				done.add(pool.submit((Callable<Void>) () -> {
					start.await();
					for (int i = 0; i < failuresEach; i++) {
						protection.recordFailure(address, account);
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<Void> future : done) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}

		// 25 failures: the 20th started exactly one block and counting began again, so 5 remain.
		assertThat(jdbc.sql("SELECT blocks, failures FROM protection_addresses WHERE address = :a")
				.param("a", address).query((rs, n) -> List.of(rs.getInt(1), rs.getInt(2))).single())
				.containsExactly(1, 5);
		assertThat(failures(account, "")).isEqualTo(25);
		assertThat(failures(account, address)).isEqualTo(25);
	}

	/**
	 * Forty attempts at once from one address on one account, over two nodes, each starting and finishing again
	 * and again: every finish may delete the rows another is about to lock. None may fail for it, and none may
	 * stay counted as pending.
	 */
	@Test
	void fortyAttemptsStartingAndFinishingAtOnceOnTwoNodesNeverTripOverARowAnotherJustDeleted() throws Exception {
		String address = TestSubjects.ipv4();
		String account = TestSubjects.accountKey();
		clock.set(Instant.now()); // the second node runs on the real clock; nodes of a cluster agree on the time
		int threads = 40;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try (SecondNode other = SecondNode.of(environment, Map.of())) {
			Protection otherNode = other.bean(Protection.class);
			List<Future<Integer>> done = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				Protection node = t % 2 == 0 ? protection : otherNode;
				done.add(pool.submit(() -> {
					start.await();
					int admitted = 0;
					for (int i = 0; i < 25; i++) {
						try (Attempt attempt = node.begin(address, account)) {
							if (attempt.admission().allowed()) {
								admitted++;
								if (i % 2 == 0) {
									attempt.succeeded(new eu.pledge.shared.AccountId(java.util.UUID.randomUUID())); // deletes the pair row and, when empty, the address row
								}
							}
						}
					}
					return admitted;
				}));
			}
			start.countDown();
			int admitted = 0;
			for (Future<Integer> future : done) {
				admitted += future.get(300, TimeUnit.SECONDS);
			}
			assertThat(admitted).isPositive();
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(jdbc.sql("SELECT COUNT(*) FROM protection_addresses WHERE address = :a AND pending > 0")
				.param("a", address).query(Integer.class).single()).isZero();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM protection_throttles WHERE account_key = :k AND pending > 0")
				.param("k", account).query(Integer.class).single()).isZero();
	}

	@Test
	void aCounterBelowItsLimitImposesNoWaitEvenIfItsTimeIsAMomentAhead() {
		String address = TestSubjects.ipv4();
		String account = TestSubjects.accountKey();
		protection.recordFailure(address, account);
		// Another node, whose clock runs a little ahead, wrote the last failure.
		jdbc.sql("UPDATE protection_throttles SET last_failure_at = :ahead WHERE account_key = :k")
				.param("ahead", Timestamps.at(Timestamps.now(clock).plusMillis(300))).param("k", account).update();

		assertThat(TestSubjects.admission(protection, address, account).allowed()).isTrue();
	}

	@Test
	void keepsNoRecordBeyondItsExpiry() {
		String blocked = TestSubjects.ipv4();
		String owner = TestSubjects.ipv6();
		String account = TestSubjects.accountKey();
		for (int i = 0; i < 20; i++) {
			protection.recordFailure(blocked, account);
		}
		protection.recordSuccess(owner, account);
		clock.advance(Duration.ofHours(1));
		protection.recordFailure(owner, account); // an update renews the expiry: it must stay within the lifetime
		assertThat(rowsOf(blocked, owner, account)).isEqualTo(6);
		assertEveryExpiryWithinTheLifetime();

		clock.advance(properties.recordLifetime());
		expiredRecords.purge();

		assertThat(rowsOf(blocked, owner, account)).isZero();
	}

	@Test
	void ignoresExpiredRecordsBeforeThePurgeDeletesThem() {
		String address = TestSubjects.ipv4();
		for (int i = 0; i < 19; i++) {
			protection.recordFailure(address, null);
		}
		// Counting restarts on an expired record even if the purge has not run yet.
		jdbc.sql("UPDATE protection_addresses SET expires_at = window_start WHERE address = :a")
				.param("a", address).update();
		protection.recordFailure(address, null);
		assertThat(TestSubjects.admission(protection, address, null).allowed()).isTrue();
	}

	@Test
	void anAttemptLeftUndecidedByADeadNodeStopsHoldingTheLimitBackAfterItsTime() {
		String address = TestSubjects.ipv4();
		String account = TestSubjects.accountKey();
		for (int i = 0; i < properties.pairLimit(); i++) {
			assertThat(protection.begin(address, account).admission().allowed()).isTrue(); // never decided
		}
		assertThat(TestSubjects.admission(protection, address, account).verdict()).isEqualTo(Verdict.THROTTLED);

		clock.advance(Protection.ATTEMPT_TIME);

		assertThat(TestSubjects.admission(protection, address, account).allowed()).isTrue();
	}

	@Test
	void aRefusedOrDecidedAttemptCannotBeCountedAgain() {
		String address = TestSubjects.ipv4();
		String account = TestSubjects.accountKey();
		Attempt attempt = protection.begin(address, account);
		attempt.failed();
		assertThatThrownBy(attempt::failed).isInstanceOf(IllegalStateException.class);
		attempt.close();
		assertThat(failures(account, address)).isEqualTo(1);

		for (int i = 1; i < properties.pairLimit(); i++) {
			protection.recordFailure(address, account);
		}
		Attempt refused = protection.begin(address, account);
		assertThat(refused.admission().verdict()).isEqualTo(Verdict.THROTTLED);
		assertThatThrownBy(refused::failed).isInstanceOf(IllegalStateException.class);
		assertThat(failures(account, address)).isEqualTo(properties.pairLimit());
	}

	private void assertEveryExpiryWithinTheLifetime() {
		for (String table : TABLES) {
			List<Duration> lifetimes = jdbc.sql("SELECT updated_at, expires_at FROM " + table)
					.query((rs, n) -> Duration.between(rs.getObject(1, OffsetDateTime.class),
							rs.getObject(2, OffsetDateTime.class)))
					.list();
			assertThat(lifetimes).as(table).isNotEmpty().allSatisfy(
					lifetime -> assertThat(lifetime).isLessThanOrEqualTo(properties.recordLifetime()));
		}
	}

	private int rowsOf(String blocked, String owner, String account) {
		List<String> addresses = List.of(blocked, owner, normalized(owner));
		int rows = 0;
		for (String table : TABLES) {
			rows += jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE address IN (:addresses)"
					+ (table.equals("protection_addresses") ? "" : " OR account_key = :account"))
					.param("addresses", addresses).param("account", account).query(Integer.class).single();
		}
		return rows;
	}

	private String normalized(String address) {
		return ClientAddress.parse(address, properties.ipv6PrefixLength()).orElseThrow().value();
	}

	private int failures(String account, String address) {
		String stored = address.isEmpty() ? address : normalized(address);
		return jdbc.sql("SELECT failures FROM protection_throttles WHERE account_key = :k AND address = :a")
				.param("k", account).param("a", stored).query(Integer.class).single();
	}
}
