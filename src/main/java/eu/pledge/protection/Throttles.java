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
				last_failure_at = :now,
				updated_at = :now,
				expires_at = :expires
			WHERE account_key = :key AND address = :address
			""";
	// See AddressRecords: no duplicate-key exception, so the surrounding transaction stays usable.
	private static final String INSERT_FIRST_FAILURE = """
			INSERT INTO protection_throttles
				(account_key, address, failures, window_start, last_failure_at, updated_at, expires_at)
			VALUES (:key, :address, 1, :now, :now, :now, :expires)
			ON CONFLICT DO NOTHING
			""";
	private static final String SELECT_COUNTERS = """
			SELECT address, failures, window_start, last_failure_at FROM protection_throttles
			WHERE account_key = :key AND address IN (:any, :address) AND expires_at > :now
			""";
	private static final String RESET = "DELETE FROM protection_throttles WHERE account_key = :key AND address = :address";
	private static final String DELETE_EXPIRED = "DELETE FROM protection_throttles WHERE expires_at <= :now";

	private final JdbcClient jdbc;
	private final ProtectionProperties properties;

	Throttles(JdbcClient jdbc, ProtectionProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	void countAccountFailure(String accountKey, Instant now) {
		count(accountKey, ANY_ADDRESS, properties.accountWindow(), now);
	}

	void countPairFailure(ClientAddress address, String accountKey, Instant now) {
		count(accountKey, address.value(), properties.pairWindow(), now);
	}

	/** Forgets the pair's failures; the account-wide counter is deliberately left alone. */
	void resetPair(ClientAddress address, String accountKey) {
		jdbc.sql(RESET).param("key", accountKey).param("address", address.value()).update();
	}

	/**
	 * The remaining waits of the account-wide counter and of the pair ({@code address} may be null), zero
	 * when none applies.
	 */
	Waits waits(String accountKey, ClientAddress address, Instant now) {
		Duration account = Duration.ZERO;
		Duration pair = Duration.ZERO;
		for (Counter counter : jdbc.sql(SELECT_COUNTERS).param("key", accountKey).param("any", ANY_ADDRESS)
				.param("address", address == null ? ANY_ADDRESS : address.value()).param("now", at(now))
				.query(Throttles::counter).list()) {
			if (counter.accountWide()) {
				account = remaining(counter, properties.accountWindow(), properties.accountLimit(), now);
			}
			else {
				pair = remaining(counter, properties.pairWindow(), properties.pairLimit(), now);
			}
		}
		return new Waits(account, pair);
	}

	int deleteExpired(Instant now) {
		return jdbc.sql(DELETE_EXPIRED).param("now", at(now)).update();
	}

	private void count(String accountKey, String address, Duration window, Instant now) {
		Map<String, Object> params = Map.of("key", accountKey, "address", address, "now", at(now),
				"cutoff", at(now.minus(window)), "expires", at(now.plus(properties.recordLifetime())));
		if (jdbc.sql(COUNT_FAILURE).params(params).update() == 0
				&& jdbc.sql(INSERT_FIRST_FAILURE).params(params).update() == 0) {
			jdbc.sql(COUNT_FAILURE).params(params).update();
		}
	}

	private Duration remaining(Counter counter, Duration window, int limit, Instant now) {
		if (!counter.windowStart().isAfter(now.minus(window))) {
			return Duration.ZERO; // the window lapsed: the next failure starts counting again
		}
		Instant until = counter.lastFailure().plus(properties.waitAfter(counter.failures(), limit));
		return until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
	}

	private static Counter counter(ResultSet rs, int row) throws SQLException {
		return new Counter(ANY_ADDRESS.equals(rs.getString("address")), rs.getInt("failures"),
				rs.getObject("window_start", OffsetDateTime.class).toInstant(),
				rs.getObject("last_failure_at", OffsetDateTime.class).toInstant());
	}

	/** How long the account-wide counter and the pair counter still hold the next attempt back. */
	record Waits(Duration account, Duration pair) {
	}

	private record Counter(boolean accountWide, int failures, Instant windowStart, Instant lastFailure) {
	}
}
