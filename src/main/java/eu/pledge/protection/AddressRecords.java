package eu.pledge.protection;

import static eu.pledge.protection.Timestamps.at;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

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
	private static final String SELECT_BLOCK = """
			SELECT blocks, blocked_at FROM protection_addresses
			WHERE address = :address AND blocked_at IS NOT NULL AND expires_at > :now
			""";
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
	 * Counts a failure; call inside a transaction. Returns when the block ends if this failure started one.
	 */
	Optional<Instant> countFailure(ClientAddress address, Instant now) {
		Map<String, Object> params = Map.of("address", address.value(), "now", at(now),
				"cutoff", at(now.minus(properties.addressWindow())),
				"expires", at(now.plus(properties.recordLifetime())));
		if (jdbc.sql(COUNT_FAILURE).params(params).update() == 0
				&& jdbc.sql(INSERT_FIRST_FAILURE).params(params).update() == 0) {
			jdbc.sql(COUNT_FAILURE).params(params).update();
		}
		int blocked = jdbc.sql(BLOCK_AT_LIMIT).param("address", address.value()).param("now", at(now))
				.param("limit", properties.addressLimit()).update();
		return blocked == 0 ? Optional.empty() : blockedUntil(address, now);
	}

	/** When the current block of {@code address} ends, if it is blocked. */
	Optional<Instant> blockedUntil(ClientAddress address, Instant now) {
		return jdbc.sql(SELECT_BLOCK).param("address", address.value()).param("now", at(now))
				.query((rs, n) -> end(rs.getInt("blocks"), rs.getObject("blocked_at", OffsetDateTime.class)))
				.optional().filter(end -> end.isAfter(now));
	}

	/** Every block in force, by canonical address. */
	Map<String, Instant> activeBlocks(Instant now) {
		Map<String, Instant> blocks = new HashMap<>();
		jdbc.sql(SELECT_RECENT_BLOCKS).param("since", at(now.minus(properties.blockMax())))
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
		return blockedAt.toInstant().plus(properties.blockFor(blocks));
	}
}
