package eu.pledge.patrol;

import static eu.pledge.patrol.DetectionRecords.at;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import eu.pledge.shared.RowLocks;

/**
 * Per rule and key, how often the rule has answered and since when detections count again. The row is locked
 * while a detection is judged: every node and thread that sees the same key waits its turn, so a threshold is
 * crossed exactly once however many detections arrive at once.
 */
@Repository
class Offenders {

	/** @param countedFrom detections at or before this instant were answered already; null when none was */
	record Offender(int responses, Instant countedFrom) {
	}

	// ON CONFLICT DO NOTHING: a duplicate key would abort a PostgreSQL transaction; the lock then waits.
	private static final String INSERT = """
			INSERT INTO patrol_offenders (rule, key_value, responses, updated_at, expires_at)
			VALUES (:rule, :key, 0, :now, :expires)
			ON CONFLICT DO NOTHING
			""";
	// An expired row starts over, as if it had been deleted already.
	private static final String LOCK = """
			SELECT responses, counted_from, expires_at FROM patrol_offenders WHERE rule = :rule AND key_value = :key
			FOR UPDATE
			""";
	private static final String KEEP = """
			UPDATE patrol_offenders SET updated_at = :now, expires_at = :expires WHERE rule = :rule AND key_value = :key
			""";
	private static final String RESET = """
			UPDATE patrol_offenders SET responses = 0, counted_from = NULL, updated_at = :now, expires_at = :expires
			WHERE rule = :rule AND key_value = :key
			""";
	private static final String ANSWERED = """
			UPDATE patrol_offenders SET responses = :responses, counted_from = :now, updated_at = :now, expires_at = :expires
			WHERE rule = :rule AND key_value = :key
			""";
	private static final String OF_KEY = """
			SELECT rule, responses, updated_at, expires_at FROM patrol_offenders WHERE key_value = :key AND expires_at > :now
			ORDER BY rule""";
	private static final String ERASE = "DELETE FROM patrol_offenders WHERE key_value = :key";
	private static final String DELETE_EXPIRED = "DELETE FROM patrol_offenders WHERE expires_at <= :now";

	private final JdbcClient jdbc;

	Offenders(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Locks the key's row for the transaction (creating it) and keeps it alive until {@code expires}. A row this
	 * transaction created is already its own until it commits (another one's insert or lock waits for it) and holds
	 * what a lock would read, so a key met for the first time costs one statement, not three. A row found by the
	 * insert may be deleted before it is locked (the purge of an expired row, an erasure): it is then made again.
	 */
	Offender lock(String rule, String key, Instant now, Instant expires) {
		Map<String, Object> params = Map.of("rule", rule, "key", key, "now", at(now), "expires", at(expires));
		return RowLocks.lockOrInsert(RowLocks.First.INSERT, () -> locked(params, now),
				() -> jdbc.sql(INSERT).params(params).update(), () -> new Offender(0, null), "patrol_offenders");
	}

	private Optional<Offender> locked(Map<String, Object> params, Instant now) {
		Offender[] offender = new Offender[1];
		Optional<Boolean> expired = jdbc.sql(LOCK).params(params).query((rs, row) -> {
			OffsetDateTime from = rs.getObject("counted_from", OffsetDateTime.class);
			offender[0] = new Offender(rs.getInt("responses"), from == null ? null : from.toInstant());
			return !rs.getObject("expires_at", OffsetDateTime.class).toInstant().isAfter(now);
		}).optional();
		if (expired.isEmpty()) {
			return Optional.empty();
		}
		jdbc.sql(expired.get() ? RESET : KEEP).params(params).update();
		return Optional.of(expired.get() ? new Offender(0, null) : offender[0]);
	}

	void answered(String rule, String key, int responses, Instant now, Instant expires) {
		jdbc.sql(ANSWERED).param("rule", rule).param("key", key).param("responses", responses).param("now", at(now))
				.param("expires", at(expires)).update();
	}

	/** One rule's escalation record of a key, as its person may see it. */
	record Escalation(String rule, int responses, Instant updatedAt, Instant expiresAt) {
	}

	java.util.List<Escalation> ofKey(String key, Instant now) {
		return jdbc.sql(OF_KEY).param("key", key).param("now", at(now)).query((rs, row) -> new Escalation(
				rs.getString("rule"), rs.getInt("responses"), rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
				rs.getObject("expires_at", OffsetDateTime.class).toInstant())).list();
	}

	int erase(String key) {
		return jdbc.sql(ERASE).param("key", key).update();
	}

	int deleteExpired(Instant now) {
		return jdbc.sql(DELETE_EXPIRED).param("now", at(now)).update();
	}
}
