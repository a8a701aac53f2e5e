package eu.pledge.protection;

import static eu.pledge.protection.Timestamps.at;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import eu.pledge.protection.Admission.Verdict;
import eu.pledge.shared.RowLocks;

/**
 * Failures and blocks per client address, across all accounts. Each change is one statement the database
 * applies atomically, so every node and every thread counts into the same row without losing a failure.
 */
@Repository
class AddressRecords {

	// A record past its expiry is treated as absent even before the purge deletes it: counting and the block
	// history start again. Only the row's own old values are read, so the statement is atomic.
	private static final String COUNT_FAILURE = """
			UPDATE protection_addresses SET
				failures = CASE WHEN expires_at <= :now OR window_start <= :cutoff THEN 1 ELSE failures + 1 END,
				window_start = CASE WHEN expires_at <= :now OR window_start <= :cutoff THEN :now ELSE window_start END,
				blocks = CASE WHEN expires_at <= :now THEN 0 ELSE blocks END,
				blocked_at = CASE WHEN expires_at <= :now THEN NULL ELSE blocked_at END,
				pending = CASE WHEN expires_at <= :now THEN 0 WHEN pending > :release THEN pending - :release ELSE 0 END,
				updated_at = :now,
				expires_at = :expires
			WHERE address = :address
			""";
	// ON CONFLICT DO NOTHING rather than catching the duplicate key: on PostgreSQL a failed statement would
	// abort the whole transaction. When another node inserted first, the caller simply updates again.
	private static final String INSERT_FIRST_FAILURE = """
			INSERT INTO protection_addresses (address, failures, window_start, blocks, updated_at, expires_at)
			VALUES (:address, 1, :now, 0, :now, :expires)
			ON CONFLICT DO NOTHING
			""";
	// Runs in the same transaction right after COUNT_FAILURE, which holds the row lock, so exactly one failure
	// (the one reaching the limit) starts the block, and the counting starts over.
	private static final String BLOCK_AT_LIMIT = """
			UPDATE protection_addresses SET blocks = blocks + 1, blocked_at = :now, failures = 0, window_start = :now
			WHERE address = :address AND failures >= :limit
			""";
	// The row of an address that has no record yet, holding the attempt; it lives only as long as the attempt.
	private static final String INSERT_RESERVED = """
			INSERT INTO protection_addresses
				(address, failures, window_start, blocks, pending, pending_until, updated_at, expires_at)
			VALUES (:address, 0, :now, 0, 1, :until, :now, :until)
			ON CONFLICT DO NOTHING
			""";
	private static final String LOCK = """
			SELECT failures, window_start, blocks, blocked_at, pending, pending_until, expires_at
			FROM protection_addresses WHERE address = :address FOR UPDATE
			""";
	// An expired record starts over here as it does when a failure is counted.
	private static final String RESERVE = """
			UPDATE protection_addresses SET
				failures = CASE WHEN expires_at <= :now THEN 0 ELSE failures END,
				window_start = CASE WHEN expires_at <= :now THEN :now ELSE window_start END,
				blocks = CASE WHEN expires_at <= :now THEN 0 ELSE blocks END,
				blocked_at = CASE WHEN expires_at <= :now THEN NULL ELSE blocked_at END,
				pending = :pending,
				pending_until = :until,
				updated_at = :now,
				expires_at = CASE WHEN expires_at < :until THEN :until ELSE expires_at END
			WHERE address = :address
			""";
	private static final String RELEASE = """
			UPDATE protection_addresses SET pending = CASE WHEN pending > 1 THEN pending - 1 ELSE 0 END
			WHERE address = :address
			""";
	// A row that holds nothing but a finished attempt is not kept: the address is stored only while it counts.
	private static final String DELETE_IF_EMPTY = """
			DELETE FROM protection_addresses WHERE address = :address AND pending = 0 AND failures = 0 AND blocks = 0
			""";
	private static final String SELECT_BLOCK = "SELECT blocks, blocked_at FROM protection_addresses WHERE address = :address";
	private static final String SELECT_RECENT_BLOCKS = """
			SELECT address, blocks, blocked_at FROM protection_addresses
			WHERE blocked_at > :since AND expires_at > :now
			""";
	private static final String DELETE_EXPIRED = "DELETE FROM protection_addresses WHERE expires_at <= :now";

	private final JdbcClient jdbc;
	private final ProtectionProperties properties;

	AddressRecords(JdbcClient jdbc, ProtectionProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/**
	 * Admits an attempt from {@code address} and counts it as pending, or says why not; call inside a
	 * transaction, which then holds the address's row locked. A blocked address is refused; so is one whose
	 * failures and attempts still being decided reach the limit, since all of these may yet fail.
	 */
	Admission reserve(ClientAddress address, Instant now, Instant until) {
		Map<String, Object> key = Map.of("address", address.value(), "now", at(now), "until", at(until));
		return CounterRows.admit(() -> jdbc.sql(LOCK).params(key).query(AddressRecords::row).optional(),
				() -> jdbc.sql(INSERT_RESERVED).params(key).update(), row -> admit(row, key, now),
				properties.throttleWait(), "protection_addresses");
	}

	private Admission admit(Row row, Map<String, Object> key, Instant now) {
		if (row.expiresAt().isAfter(now)) {
			if (row.blockedAt() != null) {
				Instant end = end(row.blocks(), row.blockedAt());
				if (end.isAfter(now)) {
					return new Admission(Verdict.ADDRESS_BLOCKED, Duration.between(now, end));
				}
			}
			int failures = row.windowStart().isAfter(now.minus(properties.addressWindow())) ? row.failures() : 0;
			int pending = row.pendingAt(now);
			if (failures + pending >= properties.addressLimit()) {
				return new Admission(Verdict.THROTTLED, properties.throttleWait());
			}
			jdbc.sql(RESERVE).params(key).param("pending", pending + 1).update();
		}
		else {
			jdbc.sql(RESERVE).params(key).param("pending", 1).update();
		}
		return Admission.ALLOWED;
	}

	/** Ends a pending attempt that did not fail, and forgets the address if nothing else is held on it. */
	void release(ClientAddress address) {
		jdbc.sql(RELEASE).param("address", address.value()).update();
		jdbc.sql(DELETE_IF_EMPTY).param("address", address.value()).update();
	}

	/**
	 * Counts a failure, of a pending attempt when {@code pending}; call inside a transaction. Returns when the
	 * block ends if this failure started one.
	 */
	Optional<Instant> countFailure(ClientAddress address, boolean pending, Instant now) {
		Map<String, Object> params = Map.of("address", address.value(), "now", at(now),
				"cutoff", at(now.minus(properties.addressWindow())),
				"expires", at(now.plus(properties.recordLifetime())), "release", pending ? 1 : 0);
		RowLocks.updateOrInsert(RowLocks.First.LOCK, () -> jdbc.sql(COUNT_FAILURE).params(params).update(),
				() -> jdbc.sql(INSERT_FIRST_FAILURE).params(params).update(), "protection_addresses");
		int blocked = jdbc.sql(BLOCK_AT_LIMIT).param("address", address.value()).param("now", at(now))
				.param("limit", properties.addressLimit()).update();
		return blocked == 0 ? Optional.empty()
				: Optional.of(jdbc.sql(SELECT_BLOCK).param("address", address.value())
						.query((rs, n) -> end(rs.getInt("blocks"), rs.getObject("blocked_at", OffsetDateTime.class)))
						.single());
	}

	/** Every block in force, by canonical address. */
	Map<String, Instant> activeBlocks(Instant now) {
		return blocksStartedAfter(now.minus(properties.blockMax()), now);
	}

	/** The blocks in force that started after {@code since}, by canonical address (no block lasts past blockMax). */
	Map<String, Instant> blocksStartedAfter(Instant since, Instant now) {
		Instant oldest = now.minus(properties.blockMax());
		Map<String, Instant> blocks = new HashMap<>();
		jdbc.sql(SELECT_RECENT_BLOCKS).param("since", at(since.isAfter(oldest) ? since : oldest))
				.param("now", at(now)).query(rs -> {
					Instant end = end(rs.getInt("blocks"), rs.getObject("blocked_at", OffsetDateTime.class));
					if (end.isAfter(now)) {
						blocks.put(rs.getString("address"), end);
					}
				});
		return blocks;
	}

	int deleteExpired(Instant now) {
		return jdbc.sql(DELETE_EXPIRED).param("now", at(now)).update();
	}

	private Instant end(int blocks, OffsetDateTime blockedAt) {
		return end(blocks, blockedAt.toInstant());
	}

	private Instant end(int blocks, Instant blockedAt) {
		return blockedAt.plus(properties.blockFor(blocks));
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		OffsetDateTime blockedAt = rs.getObject("blocked_at", OffsetDateTime.class);
		OffsetDateTime pendingUntil = rs.getObject("pending_until", OffsetDateTime.class);
		return new Row(rs.getInt("failures"), rs.getObject("window_start", OffsetDateTime.class).toInstant(),
				rs.getInt("blocks"), blockedAt == null ? null : blockedAt.toInstant(), rs.getInt("pending"),
				pendingUntil == null ? null : pendingUntil.toInstant(),
				rs.getObject("expires_at", OffsetDateTime.class).toInstant());
	}

	private record Row(int failures, Instant windowStart, int blocks, Instant blockedAt, int pending,
			Instant pendingUntil, Instant expiresAt) {

		/** Attempts still being decided; a count whose attempts outlived their time was left by a dead node. */
		int pendingAt(Instant now) {
			return pendingUntil != null && pendingUntil.isAfter(now) ? pending : 0;
		}
	}
}
