package eu.pledge.patrol;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import eu.pledge.shared.AccountId;

/** The detections table: one row per detection point hit, until it expires. */
@Repository
class DetectionRecords {

	/** A stored detection, as the person concerned and the administrators see it. */
	record Stored(long id, Point point, String address, AccountId account, String system, String detail,
			Instant occurredAt, Instant expiresAt) {

		@Override
		public String toString() {
			return "Stored[" + id + " " + point.id() + "]";
		}
	}

	private static final String COLUMNS = "id, point, address, account_id, system_name, detail, occurred_at, expires_at ";
	private static final String INSERT = """
			INSERT INTO patrol_detections (point, address, account_id, session_key, system_name, detail, occurred_at,
			expires_at) VALUES (:point, :address, :account, :session, :system, :detail, :at, :expires)
			""";
	private static final String COUNT_BY_ADDRESS = """
			SELECT COUNT(*) FROM patrol_detections
			WHERE address = :key AND point IN (:points) AND occurred_at > :from AND occurred_at <= :now
			""";
	private static final String COUNT_BY_ACCOUNT = """
			SELECT COUNT(*) FROM patrol_detections
			WHERE account_id = :key AND point IN (:points) AND occurred_at > :from AND occurred_at <= :now
			""";
	private static final String COUNT_BY_SESSION = """
			SELECT COUNT(*) FROM patrol_detections
			WHERE session_key = :key AND point IN (:points) AND occurred_at > :from AND occurred_at <= :now
			""";
	private static final String COUNT_BY_SYSTEM = """
			SELECT COUNT(*) FROM patrol_detections
			WHERE system_name = :key AND point IN (:points) AND occurred_at > :from AND occurred_at <= :now
			""";
	private static final String COUNT_SITE = """
			SELECT COUNT(*) FROM patrol_detections
			WHERE point IN (:points) AND occurred_at > :from AND occurred_at <= :now
			""";
	private static final String OF_ACCOUNT = "SELECT " + COLUMNS + """
			FROM patrol_detections WHERE account_id = :account AND expires_at > :now ORDER BY occurred_at, id
			""";
	private static final String SEARCH = "SELECT " + COLUMNS + """
			FROM patrol_detections WHERE occurred_at >= :from AND occurred_at < :to AND id < :cursor
			""";
	private static final String BY_ID = "SELECT " + COLUMNS + "FROM patrol_detections WHERE id = :id";
	private static final String ERASE = "DELETE FROM patrol_detections WHERE account_id = :account";
	private static final String ADDRESSES_OF = """
			SELECT DISTINCT address FROM patrol_detections WHERE account_id = :account AND address IS NOT NULL""";
	private static final String DELETE_EXPIRED = "DELETE FROM patrol_detections WHERE expires_at <= :now";

	private final JdbcClient jdbc;

	DetectionRecords(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** {@code occurred} to the microsecond, as both databases store it (they would round finer digits up). */
	long insert(Detection detection, String address, Instant occurred, Instant expires) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql(INSERT).param("point", detection.point().name()).param("address", address)
				.param("account", detection.account() == null ? null : detection.account().toString())
				.param("session", detection.session())
				.param("system", detection.system()).param("detail", detection.detail())
				.param("at", at(occurred)).param("expires", at(expires)).update(keys, "id");
		return keys.getKey().longValue();
	}

	/** Detections of {@code points} under {@code key} in ({@code from}, {@code now}]; the key is ignored for the site. */
	long count(PatrolProperties.Key kind, String key, Collection<Point> points, Instant from, Instant now) {
		return count(kind, key, points, from, now, null);
	}

	/**
	 * As {@link #count(PatrolProperties.Key, String, Collection, Instant, Instant)}, or, with {@code distinct}, the
	 * distinct accounts, addresses or sessions among those detections (COUNT(DISTINCT) skips the ones without).
	 */
	long count(PatrolProperties.Key kind, String key, Collection<Point> points, Instant from, Instant now,
			PatrolProperties.Distinct distinct) {
		String sql = switch (kind) {
			case ADDRESS -> COUNT_BY_ADDRESS;
			case ACCOUNT -> COUNT_BY_ACCOUNT;
			case SESSION -> COUNT_BY_SESSION;
			case SYSTEM -> COUNT_BY_SYSTEM;
			case SITE -> COUNT_SITE;
		};
		if (distinct != null) { // a fixed column name per value, never text from configuration
			sql = sql.replace("COUNT(*)", switch (distinct) {
				case ACCOUNT -> "COUNT(DISTINCT account_id)";
				case ADDRESS -> "COUNT(DISTINCT address)";
				case SESSION -> "COUNT(DISTINCT session_key)";
			});
		}
		var statement = jdbc.sql(sql).param("points", points.stream().map(Point::name).toList())
				.param("from", at(from)).param("now", at(now));
		if (kind != PatrolProperties.Key.SITE) {
			statement = statement.param("key", key);
		}
		return statement.query(Long.class).single();
	}

	List<Stored> ofAccount(AccountId account, Instant now) {
		return jdbc.sql(OF_ACCOUNT).param("account", account.toString()).param("now", at(now))
				.query(DetectionRecords::stored).list();
	}

	/** Newest first, below {@code cursor} (an id), at most {@code limit}. */
	List<Stored> search(Point point, String key, Instant from, Instant to, long cursor, int limit) {
		// Conditions are added rather than written as ":p IS NULL OR …": PostgreSQL cannot type a null parameter.
		String sql = SEARCH + (point != null ? " AND point = :point" : "")
				+ (key != null ? " AND (address = :key OR account_id = :key)" : "") + " ORDER BY id DESC FETCH FIRST "
				+ limit + " ROWS ONLY";
		var statement = jdbc.sql(sql).param("from", at(from)).param("to", at(to)).param("cursor", cursor);
		if (point != null) {
			statement = statement.param("point", point.name());
		}
		if (key != null) {
			statement = statement.param("key", key);
		}
		return statement.query(DetectionRecords::stored).list();
	}

	java.util.Optional<Stored> find(long id) {
		return jdbc.sql(BY_ID).param("id", id).query(DetectionRecords::stored).optional();
	}

	/** The addresses the account's detections came from. */
	List<String> addressesOf(AccountId account) {
		return jdbc.sql(ADDRESSES_OF).param("account", account.toString()).query(String.class).list();
	}

	int erase(AccountId account) {
		return jdbc.sql(ERASE).param("account", account.toString()).update();
	}

	int deleteExpired(Instant now) {
		return jdbc.sql(DELETE_EXPIRED).param("now", at(now)).update();
	}

	static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static Stored stored(ResultSet rs, int row) throws SQLException {
		String account = rs.getString("account_id");
		return new Stored(rs.getLong("id"), Point.valueOf(rs.getString("point")), rs.getString("address"),
				account == null ? null : AccountId.of(account), rs.getString("system_name"), rs.getString("detail"),
				rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
				rs.getObject("expires_at", OffsetDateTime.class).toInstant());
	}
}
