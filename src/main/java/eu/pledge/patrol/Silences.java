package eu.pledge.patrol;

import static eu.pledge.patrol.DetectionRecords.at;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import eu.pledge.shared.RowLocks;

/**
 * Silences: a rule does not answer one key until the silence ends. Detections are still recorded and counted;
 * only the answer is held back. One silence per rule and key: silencing again moves its end.
 */
@Repository
class Silences {

	/** A silence; {@code key} may be an IP address (personal data). */
	record Silence(long id, String rule, String key, Instant createdAt, Instant expiresAt) {

		@Override
		public String toString() {
			return "Silence[" + id + " " + rule + "]";
		}
	}

	private static final String COLUMNS = "SELECT id, rule, key_value, created_at, expires_at FROM patrol_silences ";
	// ON CONFLICT DO NOTHING: forty administrators' clicks at once leave one silence, whose end the update moves.
	private static final String INSERT = """
			INSERT INTO patrol_silences (rule, key_value, created_at, expires_at) VALUES (:rule, :key, :now, :expires)
			ON CONFLICT DO NOTHING""";
	private static final String MOVE = """
			UPDATE patrol_silences SET created_at = :now, expires_at = :expires WHERE rule = :rule AND key_value = :key""";
	private static final String ACTIVE = COLUMNS + "WHERE expires_at > :now ORDER BY expires_at, id";
	private static final String SILENCED = """
			SELECT COUNT(*) FROM patrol_silences WHERE rule = :rule AND key_value = :key AND expires_at > :now""";
	private static final String BY_RULE_AND_KEY = COLUMNS + "WHERE rule = :rule AND key_value = :key AND expires_at > :now";
	private static final String END = "DELETE FROM patrol_silences WHERE id = :id AND expires_at > :now";
	private static final String ERASE = "DELETE FROM patrol_silences WHERE key_value = :key";
	private static final String DELETE_EXPIRED = "DELETE FROM patrol_silences WHERE expires_at <= :now";

	private final JdbcClient jdbc;

	Silences(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Silences {@code rule} for {@code key} until {@code expires}, or moves the end of its silence there. */
	Silence silence(String rule, String key, Instant now, Instant expires) {
		var params = java.util.Map.<String, Object>of("rule", rule, "key", key, "now", at(now), "expires", at(expires));
		jdbc.sql(DELETE_EXPIRED + " AND rule = :rule AND key_value = :key").params(params).update();
		// A silence another administrator ends between the insert and the move leaves nothing to move: make it again.
		RowLocks.updateOrInsert(RowLocks.First.INSERT, () -> jdbc.sql(MOVE).params(params).update(),
				() -> jdbc.sql(INSERT).params(params).update(), "patrol_silences");
		return find(rule, key, now).orElseThrow(); // this transaction holds the row it inserted or moved
	}

	Optional<Silence> find(String rule, String key, Instant now) {
		return jdbc.sql(BY_RULE_AND_KEY).param("rule", rule).param("key", key).param("now", at(now))
				.query(Silences::silence).optional();
	}

	boolean silenced(String rule, String key, Instant now) {
		return jdbc.sql(SILENCED).param("rule", rule).param("key", key).param("now", at(now)).query(Long.class)
				.single() > 0;
	}

	List<Silence> active(Instant now) {
		return jdbc.sql(ACTIVE).param("now", at(now)).query(Silences::silence).list();
	}

	/** Ends a silence in force; false when there is none of that id. */
	boolean end(long id, Instant now) {
		return jdbc.sql(END).param("id", id).param("now", at(now)).update() > 0;
	}

	int erase(String key) {
		return jdbc.sql(ERASE).param("key", key).update();
	}

	int deleteExpired(Instant now) {
		return jdbc.sql(DELETE_EXPIRED).param("now", at(now)).update();
	}

	private static Silence silence(ResultSet rs, int row) throws SQLException {
		return new Silence(rs.getLong("id"), rs.getString("rule"), rs.getString("key_value"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getObject("expires_at", OffsetDateTime.class).toInstant());
	}
}
