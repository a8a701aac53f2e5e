package eu.pledge.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;

import eu.pledge.protection.RateLimits.Bucket;
import eu.pledge.protection.RateLimits.Decision;
import eu.pledge.protection.RateLimits.Keys;
import eu.pledge.protection.RateLimits.Scope;
import eu.pledge.shared.Vault;
import eu.pledge.testing.MutableClock;
import eu.pledge.testing.TestClockConfiguration;

/** Issue 12: the one rate limiter, with forty takes at once, on one node and on two. */
@SpringBootTest
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
class RateLimitsTests {

	@Autowired
	RateLimits limits;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	Vault vault;

	@Autowired
	ProtectionProperties properties;

	@Autowired
	ExpiredRecords expired;

	@Autowired
	RateLimitCountsCheck check;

	private Bucket bucket(Scope scope, Keys keys, boolean countRefused) {
		return limits.bucket(new Bucket("test-" + UUID.randomUUID().toString().substring(0, 8), scope, keys, 5,
				Duration.ofMinutes(10), countRefused));
	}

	@Test
	void fortyTakesAtOnceOnTwoNodesPassTheLimitAndNoMore() throws Exception {
		Bucket bucket = bucket(Scope.CLUSTER, Keys.ADDRESS, true);
		RateLimits otherNode = new RateLimits(new RateLimitRecords(jdbc, transactions), vault, clock, properties);
		otherNode.bucket(bucket);
		String address = TestSubjects.ipv4();
		List<Decision> decisions = atOnce(40, i -> () -> (i % 2 == 0 ? limits : otherNode).take(bucket, address));

		assertThat(decisions).filteredOn(Decision::allowed).hasSize(5);
		assertThat(decisions).filteredOn(decision -> !decision.allowed())
				.allSatisfy(decision -> assertThat(decision.retryAfter()).isPositive()
						.isLessThanOrEqualTo(Duration.ofMinutes(10)));
		// Refused takes counted too: the window stays full while someone keeps trying.
		assertThat(limits.take(bucket, address).count()).isEqualTo(41);
	}

	@Test
	void aBucketThatDoesNotCountRefusalsKeepsTheAllowanceForLaterTakes() throws Exception {
		Bucket bucket = bucket(Scope.CLUSTER, Keys.OPAQUE, false);
		List<Decision> decisions = atOnce(40, i -> () -> limits.take(bucket, "project-7"));
		assertThat(decisions).filteredOn(Decision::allowed).hasSize(5);
		assertThat(limits.take(bucket, "project-7").count()).isEqualTo(5);
		assertThat(limits.take(bucket, "project-8", 6).allowed()).as("more than the limit at once").isFalse();

		clock.advance(Duration.ofMinutes(10));
		Decision later = limits.take(bucket, "project-7", 3);
		assertThat(later.allowed()).isTrue();
		assertThat(later.count()).isEqualTo(3);
	}

	@Test
	void aNodeBucketCountsInMemoryOnThisNodeOnly() throws Exception {
		Bucket bucket = bucket(Scope.NODE, Keys.OPAQUE, false);
		List<Decision> decisions = atOnce(40, i -> () -> limits.take(bucket, "project-1"));
		assertThat(decisions).filteredOn(Decision::allowed).hasSize(5);
		assertThat(decisions).filteredOn(decision -> !decision.allowed()).first()
				.satisfies(refused -> assertThat(refused.retryAfterSeconds()).isBetween(1L, 600L));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM protection_rate_limits WHERE bucket = :b").param("b", bucket.name())
				.query(Long.class).single()).isZero();

		RateLimits otherNode = new RateLimits(new RateLimitRecords(jdbc, transactions), vault, clock, properties);
		otherNode.bucket(bucket);
		assertThat(otherNode.take(bucket, "project-1").allowed()).isTrue();
		clock.advance(Duration.ofMinutes(10));
		assertThat(limits.take(bucket, "project-1").allowed()).isTrue();
	}

	@Test
	void windowsOnTheClockEndWithTheirMinuteOnEveryNodeAndInTheDatabase() {
		for (Scope scope : Scope.values()) {
			Bucket bucket = limits.bucket(new Bucket("clock-" + scope.name().toLowerCase() + "-"
					+ UUID.randomUUID().toString().substring(0, 8), scope, Keys.OPAQUE, 2, Duration.ofMinutes(1), false,
					RateLimits.Start.CLOCK));
			clock.set(java.time.Instant.parse("2026-05-01T10:00:05Z"));
			limits.take(bucket, "project-3", 2);
			Decision refused = limits.take(bucket, "project-3");
			assertThat(refused.allowed()).isFalse();
			assertThat(refused.retryAfter()).as(scope.name()).isEqualTo(Duration.ofSeconds(55));
			clock.set(java.time.Instant.parse("2026-05-01T10:01:00Z"));
			assertThat(limits.take(bucket, "project-3", 2).allowed()).as("the next minute").isTrue();
		}
	}

	@Test
	void anAddressCountsOnceWhateverItsSpellingAndIsStoredOnlyAsAnHmac() {
		Bucket bucket = bucket(Scope.CLUSTER, Keys.ADDRESS, true);
		limits.take(bucket, "2001:db8:0:1::1");
		limits.take(bucket, "2001:DB8:0:1:ffff::2");
		assertThat(limits.take(bucket, "2001:0db8:0000:0001:0:0:0:3").count()).as("one /64 network").isEqualTo(3);
		limits.take(bucket, "198.51.100.7");
		assertThat(limits.take(bucket, "::ffff:198.51.100.7").count()).as("IPv4-mapped is IPv4").isEqualTo(2);
		assertThat(limits.take(bucket, "not an address").allowed()).isTrue();

		List<String> stored = jdbc.sql("SELECT key_hash FROM protection_rate_limits WHERE bucket = :b")
				.param("b", bucket.name()).query(String.class).list();
		// hex only, so no spelling of an address; and keyed: not the plain SHA-256 anyone could compute from one
		// (a search for "198" in the hex failed one run in about sixty by chance)
		assertThat(stored).hasSize(2).allSatisfy(key -> assertThat(key).matches("[0-9a-f]{64}"))
				.doesNotContain(eu.pledge.shared.Tokens.sha256("198.51.100.7"));
	}

	@Test
	void countsWhoseWindowEndedAreDeletedByTheRetentionRule() {
		Bucket bucket = bucket(Scope.CLUSTER, Keys.ADDRESS, true);
		limits.take(bucket, TestSubjects.ipv4());
		clock.advance(Duration.ofMinutes(9));
		expired.purge();
		assertThat(rows(bucket)).isOne();
		clock.advance(Duration.ofMinutes(1));
		expired.purge();
		assertThat(rows(bucket)).isZero();
	}

	@Test
	void aCountKeptPastItsWindowFailsTheComplianceCheckByBucketUntilTheSweep() {
		expired.sweep(clock.instant().plus(Duration.ofDays(3))); // what other tests left
		Bucket bucket = bucket(Scope.CLUSTER, Keys.ADDRESS, true);
		limits.take(bucket, "198.51.100.23");
		clock.advance(Duration.ofMinutes(14)); // the window (10 min) and the sweep interval (5 min) of slack
		assertThat(check.check(clock.instant()).passed()).isTrue();

		clock.advance(Duration.ofMinutes(2));
		var failed = check.check(clock.instant());
		assertThat(failed.passed()).isFalse();
		assertThat(failed.evidence()).contains("1 rate-limit counts kept past their window", "bucket " + bucket.name())
				.doesNotContain("198.51.100.23");

		expired.purge();
		assertThat(check.check(clock.instant()).passed()).isTrue();
	}

	@Test
	void nodeBucketsKeepABoundedNumberOfKeys() {
		Bucket bucket = bucket(Scope.NODE, Keys.OPAQUE, true);
		for (int i = 0; i <= RateLimits.NODE_KEYS + 10; i++) {
			limits.take(bucket, "k" + i);
		}
		assertThat(limits.nodeKeys(bucket)).isLessThanOrEqualTo(RateLimits.NODE_KEYS);
		assertThat(limits.take(bucket, "k" + (RateLimits.NODE_KEYS + 10)).count()).as("the newest key is kept")
				.isEqualTo(2);
	}

	@Test
	void bucketsAreDeclaredOnceAndWithinTheRecordLifetime() {
		Bucket bucket = bucket(Scope.CLUSTER, Keys.ADDRESS, true);
		assertThat(limits.bucket(bucket)).isEqualTo(bucket);
		assertThatIllegalStateException().isThrownBy(() -> limits.bucket(new Bucket(bucket.name(), Scope.NODE,
				Keys.ADDRESS, 5, Duration.ofMinutes(10), true))).withMessageContaining("declared twice");
		assertThatIllegalStateException().isThrownBy(() -> limits.bucket(new Bucket("too-long", Scope.CLUSTER,
				Keys.ADDRESS, 5, properties.recordLifetime().plusSeconds(1), true)))
				.withMessageContaining("pledge.protection.record-lifetime");
		assertThatIllegalArgumentException().isThrownBy(
				() -> new Bucket("Not A Name", Scope.NODE, Keys.OPAQUE, 5, Duration.ofMinutes(1), true));
		assertThatIllegalStateException().isThrownBy(() -> limits.take(new Bucket("never-declared", Scope.NODE,
				Keys.OPAQUE, 5, Duration.ofMinutes(1), true), "x"));
	}

	private long rows(Bucket bucket) {
		return jdbc.sql("SELECT COUNT(*) FROM protection_rate_limits WHERE bucket = :b").param("b", bucket.name())
				.query(Long.class).single();
	}

	private static List<Decision> atOnce(int count, java.util.function.IntFunction<Supplier<Decision>> take)
			throws Exception {
		return eu.pledge.testing.AtOnce.run(count, i -> take.apply(i)::get);
	}
}
