package eu.pledge.protection;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import eu.pledge.shared.RowLocks;

/**
 * The {@code protection_rate_limits} table: the counts of the buckets every node shares. Each take is a
 * transaction of its own, so a refused request still counts when its caller rolls back, and each count is one
 * atomic UPDATE of the key's row (or the INSERT of its first unit).
 */
@Repository
class RateLimitRecords {

	private static final Logger log = LoggerFactory.getLogger(RateLimitRecords.class);

	private static final String RESTART_OR_ADD = """
			UPDATE protection_rate_limits SET
			  units = CASE WHEN window_end <= :now THEN :units ELSE units + :units END,
			  window_start = CASE WHEN window_end <= :now THEN :start ELSE window_start END,
			  window_end = CASE WHEN window_end <= :now THEN :end ELSE window_end END
			WHERE bucket = :bucket AND key_hash = :key""";
	// Only when the units fit (or the window ended): a refused take leaves the count as it was.
	private static final String RESTART_OR_ADD_IF_ROOM = RESTART_OR_ADD
			+ " AND (window_end <= :now OR units + :units <= :limit)";
	private static final String INSERT_FIRST = """
			INSERT INTO protection_rate_limits (bucket, key_hash, units, window_start, window_end)
			VALUES (:bucket, :key, :units, :start, :end)
			ON CONFLICT DO NOTHING""";
	private static final String READ = """
			SELECT units, window_end FROM protection_rate_limits WHERE bucket = :bucket AND key_hash = :key""";
	private static final String DELETE_EXPIRED = "DELETE FROM protection_rate_limits WHERE window_end <= :now";

	private final JdbcClient jdbc;
	private final TransactionTemplate ownTransaction;

	RateLimitRecords(JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** Takes {@code units} at {@code now}; a window that starts now starts at {@code start}. */
	RateLimits.Decision take(RateLimits.Bucket bucket, String keyHash, int units, Instant now, Instant start) {
		Map<String, Object> params = Map.of("bucket", bucket.name(), "key", keyHash, "units", units, "now",
				Timestamps.at(now), "start", Timestamps.at(start), "end", Timestamps.at(start.plus(bucket.window())),
				"limit", bucket.limit());
		return ownTransaction.execute(status -> bucket.countRefused() ? countAll(bucket, params, now)
				: countIfRoom(bucket, params, units, now));
	}

	private RateLimits.Decision countAll(RateLimits.Bucket bucket, Map<String, Object> params, Instant now) {
		// The count's row may be inserted by another take or deleted by the sweep (its window ended) at any moment;
		// once this take has updated or inserted it, the row is this transaction's until it commits.
		boolean held = RowLocks.lockOrInsert(RowLocks.First.LOCK,
				() -> jdbc.sql(RESTART_OR_ADD).params(params).update() > 0 ? Optional.of(true) : Optional.empty(),
				() -> jdbc.sql(INSERT_FIRST).params(params).update(), () -> true, RowLocks.ROUNDS, () -> false);
		if (!held) {
			return lost(bucket);
		}
		Count count = read(params).orElseThrow();
		return count.units() <= bucket.limit() ? new RateLimits.Decision(true, count.units(), Duration.ZERO)
				: new RateLimits.Decision(false, count.units(), until(now, count.windowEnd()));
	}

	private RateLimits.Decision countIfRoom(RateLimits.Bucket bucket, Map<String, Object> params, int units,
			Instant now) {
		if (units > bucket.limit()) {
			return new RateLimits.Decision(false, read(params).map(Count::units).orElse(0L), bucket.window());
		}
		// A refused take changes nothing and so holds no row: what it reads may be inserted by another take or
		// deleted by the sweep in between. It refuses only on a count it read without room; otherwise it tries again.
		for (int round = 0; round < RowLocks.ROUNDS; round++) {
			if (jdbc.sql(RESTART_OR_ADD_IF_ROOM).params(params).update() == 1) {
				return new RateLimits.Decision(true, read(params).orElseThrow().units(), Duration.ZERO);
			}
			if (jdbc.sql(INSERT_FIRST).params(params).update() == 1) {
				return new RateLimits.Decision(true, units, Duration.ZERO);
			}
			Optional<Count> count = read(params);
			if (count.isPresent() && count.get().windowEnd().isAfter(now)
					&& count.get().units() + units > bucket.limit()) {
				return new RateLimits.Decision(false, count.get().units(), until(now, count.get().windowEnd()));
			}
		}
		return lost(bucket);
	}

	/** Only a flood on one count can make a take lose its row round after round: it is refused, never an error. */
	private static RateLimits.Decision lost(RateLimits.Bucket bucket) {
		log.warn("Refused a take from rate-limit bucket {}: its count changed hands {} times while it was taken",
				bucket.name(), RowLocks.ROUNDS);
		return new RateLimits.Decision(false, bucket.limit(), Duration.ofSeconds(1));
	}

	private static Duration until(Instant now, Instant end) {
		Duration wait = Duration.between(now, end);
		return wait.isNegative() ? Duration.ZERO : wait;
	}

	int deleteExpired(Instant now) {
		return jdbc.sql(DELETE_EXPIRED).param("now", Timestamps.at(now)).update();
	}

	private Optional<Count> read(Map<String, Object> params) {
		return jdbc.sql(READ).param("bucket", params.get("bucket")).param("key", params.get("key"))
				.query((rs, row) -> new Count(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
				.optional();
	}

	private record Count(long units, Instant windowEnd) {
	}
}
