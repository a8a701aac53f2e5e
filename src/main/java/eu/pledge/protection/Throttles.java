package eu.pledge.protection;

import static eu.pledge.protection.Timestamps.at;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import eu.pledge.protection.Admission.Verdict;
import eu.pledge.shared.RowLocks;

/**
 * Failure counters per account and per (address, account) pair, which slow attempts down with a growing wait
 * instead of locking anyone out. One table holds both: the account-wide counter is the row whose address is
 * the empty string.
 */
@Repository
class Throttles {

	/** The address column of the account-wide counter. */
	static final String ANY_ADDRESS = "";

	private static final String COUNT_FAILURE = """
			UPDATE protection_throttles SET
				failures = CASE WHEN expires_at <= :now OR window_start <= :cutoff THEN 1 ELSE failures + 1 END,
				window_start = CASE WHEN expires_at <= :now OR window_start <= :cutoff THEN :now ELSE window_start END,
				pending = CASE WHEN expires_at <= :now THEN 0 WHEN pending > :release THEN pending - :release ELSE 0 END,
				last_failure_at = :now,
				updated_at = :now,
				expires_at = :expires
			WHERE account_key = :key AND address = :address
			""";
	// See AddressRecords: no duplicate-key exception, so the surrounding transaction stays usable.
	private static final String INSERT_FIRST_FAILURE = """
			INSERT INTO protection_throttles
				(account_key, address, failures, window_start, last_failure_at, pending, updated_at, expires_at)
			VALUES (:key, :address, 1, :now, :now, 0, :now, :expires)
			ON CONFLICT DO NOTHING
			""";
	// The counter of an account (or pair) without failures yet, holding the attempt; it lives as long as that.
	private static final String INSERT_RESERVED = """
			INSERT INTO protection_throttles (account_key, address, failures, window_start, last_failure_at, pending,
				pending_until, updated_at, expires_at)
			VALUES (:key, :address, 0, :now, :now, 1, :until, :now, :until)
			ON CONFLICT DO NOTHING
			""";
	private static final String LOCK = """
			SELECT failures, window_start, last_failure_at, pending, pending_until, expires_at FROM protection_throttles
			WHERE account_key = :key AND address = :address FOR UPDATE
			""";
	// An expired counter starts over here as it does when a failure is counted.
	private static final String RESERVE = """
			UPDATE protection_throttles SET
				failures = CASE WHEN expires_at <= :now THEN 0 ELSE failures END,
				window_start = CASE WHEN expires_at <= :now THEN :now ELSE window_start END,
				pending = :pending,
				pending_until = :until,
				updated_at = :now,
				expires_at = CASE WHEN expires_at < :until THEN :until ELSE expires_at END
			WHERE account_key = :key AND address = :address
			""";
	private static final String RELEASE = """
			UPDATE protection_throttles SET pending = CASE WHEN pending > 1 THEN pending - 1 ELSE 0 END
			WHERE account_key = :key AND address = :address
			""";
	private static final String DELETE_IF_EMPTY = """
			DELETE FROM protection_throttles WHERE account_key = :key AND address = :address AND pending = 0 AND failures = 0
			""";
	private static final String RESET = "DELETE FROM protection_throttles WHERE account_key = :key AND address = :address";
	private static final String DELETE_EXPIRED = "DELETE FROM protection_throttles WHERE expires_at <= :now";

	private final JdbcClient jdbc;
	private final ProtectionProperties properties;

	Throttles(JdbcClient jdbc, ProtectionProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/**
	 * Admits an attempt against the account-wide counter, or says how long it must wait; call inside a
	 * transaction, which then holds the counter's row locked.
	 */
	Admission reserveAccount(String accountKey, Instant now, Instant until) {
		return reserve(accountKey, ANY_ADDRESS, properties.accountWindow(), properties.accountLimit(), now, until);
	}

	/** As {@link #reserveAccount}, for the counter of the account from this address. */
	Admission reservePair(ClientAddress address, String accountKey, Instant now, Instant until) {
		return reserve(accountKey, address.value(), properties.pairWindow(), properties.pairLimit(), now, until);
	}

	/** Ends a pending attempt on the account-wide counter that did not fail. */
	void releaseAccount(String accountKey) {
		release(accountKey, ANY_ADDRESS);
	}

	/** Ends a pending attempt on the pair's counter that was abandoned undecided. */
	void releasePair(ClientAddress address, String accountKey) {
		release(accountKey, address.value());
	}

	/** Counts a failure on the account-wide counter, of a pending attempt when {@code pending}. */
	void countAccountFailure(String accountKey, boolean pending, Instant now) {
		count(accountKey, ANY_ADDRESS, properties.accountWindow(), pending, now);
	}

	/** Counts a failure on the pair's counter, of a pending attempt when {@code pending}. */
	void countPairFailure(ClientAddress address, String accountKey, boolean pending, Instant now) {
		count(accountKey, address.value(), properties.pairWindow(), pending, now);
	}

	/** Forgets the pair's failures and attempts; the account-wide counter is deliberately left alone. */
	void resetPair(ClientAddress address, String accountKey) {
		jdbc.sql(RESET).param("key", accountKey).param("address", address.value()).update();
	}

	int deleteExpired(Instant now) {
		return jdbc.sql(DELETE_EXPIRED).param("now", at(now)).update();
	}

	/**
	 * Past the limit, one attempt at a time and only after the wait since the last failure; below it, as many
	 * as the limit leaves room for once every attempt still being decided is counted as failing.
	 */
	private Admission reserve(String accountKey, String address, Duration window, int limit, Instant now,
			Instant until) {
		Map<String, Object> key = Map.of("key", accountKey, "address", address, "now", at(now), "until", at(until));
		return CounterRows.admit(() -> jdbc.sql(LOCK).params(key).query(Throttles::counter).optional(),
				() -> jdbc.sql(INSERT_RESERVED).params(key).update(),
				counter -> admit(counter, key, window, limit, now), properties.throttleWait(), "protection_throttles");
	}

	private Admission admit(Counter counter, Map<String, Object> key, Duration window, int limit, Instant now) {
		int pending = 0;
		if (counter.expiresAt().isAfter(now)) {
			boolean current = counter.windowStart().isAfter(now.minus(window));
			int failures = current ? counter.failures() : 0;
			// Below the limit there is no wait at all: the row's last_failure_at may even be a moment after this
			// node's now (another node's clock, or a concurrent attempt's row), which must not read as a wait.
			Duration wait = properties.waitAfter(failures, limit);
			Instant waitEnd = wait.isZero() ? now : counter.lastFailure().plus(wait);
			pending = counter.pendingAt(now);
			if (waitEnd.isAfter(now)) {
				return new Admission(Verdict.THROTTLED, Duration.between(now, waitEnd));
			}
			if (pending > 0 && failures + pending >= limit) {
				return new Admission(Verdict.THROTTLED, properties.waitAfter(failures + pending, limit));
			}
		}
		jdbc.sql(RESERVE).params(key).param("pending", pending + 1).update();
		return Admission.ALLOWED;
	}

	private void release(String accountKey, String address) {
		jdbc.sql(RELEASE).param("key", accountKey).param("address", address).update();
		jdbc.sql(DELETE_IF_EMPTY).param("key", accountKey).param("address", address).update();
	}

	private void count(String accountKey, String address, Duration window, boolean pending, Instant now) {
		Map<String, Object> params = Map.of("key", accountKey, "address", address, "now", at(now),
				"cutoff", at(now.minus(window)), "expires", at(now.plus(properties.recordLifetime())),
				"release", pending ? 1 : 0);
		RowLocks.updateOrInsert(RowLocks.First.LOCK, () -> jdbc.sql(COUNT_FAILURE).params(params).update(),
				() -> jdbc.sql(INSERT_FIRST_FAILURE).params(params).update(), "protection_throttles");
	}

	private static Counter counter(ResultSet rs, int row) throws SQLException {
		OffsetDateTime pendingUntil = rs.getObject("pending_until", OffsetDateTime.class);
		return new Counter(rs.getInt("failures"), rs.getObject("window_start", OffsetDateTime.class).toInstant(),
				rs.getObject("last_failure_at", OffsetDateTime.class).toInstant(), rs.getInt("pending"),
				pendingUntil == null ? null : pendingUntil.toInstant(),
				rs.getObject("expires_at", OffsetDateTime.class).toInstant());
	}

	private record Counter(int failures, Instant windowStart, Instant lastFailure, int pending, Instant pendingUntil,
			Instant expiresAt) {

		/** Attempts still being decided; a count whose attempts outlived their time was left by a dead node. */
		int pendingAt(Instant now) {
			return pendingUntil != null && pendingUntil.isAfter(now) ? pending : 0;
		}
	}
}
