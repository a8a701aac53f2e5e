package eu.pledge.protection;

import static eu.pledge.protection.Timestamps.at;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import eu.pledge.shared.RowLocks;

/**
 * The decisions table and its per-address lock rows. The queries a bouncer's answers are made of read bans and
 * captchas only ({@code ADDRESS_TYPES}); the site-wide decisions are read by {@link #siteWide}.
 */
@Repository
class DecisionRecords {

	private static final String ADDRESS_TYPES = " AND decision_type IN ('ban', 'captcha')";
	private static final String COLUMNS = """
			id, decision_type, address, prefix_length, scenario, origin, created_at, expires_at, lifted_at
			""";
	// ON CONFLICT DO NOTHING: a duplicate key would abort a PostgreSQL transaction; the extension (an update, which
	// locks the row) then waits for whoever inserted first.
	private static final String INSERT_LOCK = """
			INSERT INTO protection_decision_locks (address, updated_at, expires_at) VALUES (:address, :now, :until)
			ON CONFLICT DO NOTHING
			""";
	private static final String EXTEND_LOCK = """
			UPDATE protection_decision_locks SET updated_at = :now,
				expires_at = CASE WHEN expires_at < :until THEN :until ELSE expires_at END
			WHERE address = :address
			""";
	private static final String IN_FORCE_FOR = "SELECT " + COLUMNS + """
			FROM protection_decisions
			WHERE address = :address AND decision_type = :type AND lifted_at IS NULL AND expires_at > :now
			ORDER BY expires_at DESC
			""";
	private static final String IN_FORCE_FOR_ADDRESS = "SELECT " + COLUMNS + """
			FROM protection_decisions WHERE address = :address AND lifted_at IS NULL AND expires_at > :now
			""" + ADDRESS_TYPES + " ORDER BY id";
	private static final String INSERT = """
			INSERT INTO protection_decisions
				(decision_type, address, prefix_length, scenario, origin, created_at, updated_at, expires_at)
			VALUES (:type, :address, :prefix, :scenario, :origin, :now, :now, :until)
			""";
	private static final String LIFT = """
			UPDATE protection_decisions SET lifted_at = :now, updated_at = :now
			WHERE id = :id AND lifted_at IS NULL AND expires_at > :now
			""";
	private static final String BY_ID = "SELECT " + COLUMNS + " FROM protection_decisions WHERE id = :id";
	private static final String IN_FORCE = "SELECT " + COLUMNS + """
			FROM protection_decisions WHERE lifted_at IS NULL AND expires_at > :now
			""" + ADDRESS_TYPES + " ORDER BY id";
	private static final String SITE_WIDE = "SELECT " + COLUMNS + """
			FROM protection_decisions WHERE lifted_at IS NULL AND expires_at > :now
				AND decision_type IN ('challenge', 'switch_off') ORDER BY id
			""";
	// Made after :since and in force at :now (a clock ahead of this one's does not hide it); ended (lifted or run
	// out) after :since. A decision made and ended within the window is reported as ended only: harmless.
	private static final String STARTED = "SELECT " + COLUMNS + """
			FROM protection_decisions
			WHERE created_at > :since AND lifted_at IS NULL AND expires_at > :now
			""" + ADDRESS_TYPES + " ORDER BY id";
	private static final String ENDED = "SELECT " + COLUMNS + """
			FROM protection_decisions
			WHERE ((lifted_at > :since AND lifted_at <= :now)
				OR (lifted_at IS NULL AND expires_at > :since AND expires_at <= :now))
			""" + ADDRESS_TYPES + " ORDER BY id";
	private static final String ACTIVE = """
			SELECT address, MAX(expires_at) AS ends FROM protection_decisions
			WHERE decision_type = :type AND lifted_at IS NULL AND expires_at > :now GROUP BY address
			""";
	// Every insert and every lift stamps updated_at (indexed), so this reads the few rows that changed, not every
	// decision in force; one that runs out changes no row, and BlockView lets it go by its end.
	private static final String CHANGED = "SELECT " + COLUMNS + " FROM protection_decisions WHERE updated_at > :since";
	private static final String DELETE_EXPIRED = "DELETE FROM protection_decisions WHERE expires_at <= :now";
	private static final String DELETE_EXPIRED_LOCKS = "DELETE FROM protection_decision_locks WHERE expires_at <= :now";

	private final JdbcClient jdbc;

	DecisionRecords(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Holds the address's lock row until the transaction ends, creating it to live until {@code until}. A row the
	 * insert found may be deleted by the purge before the update that extends (and locks) it: it is then made again.
	 */
	void lock(ClientAddress address, Instant now, Instant until) {
		Map<String, Object> params = Map.of("address", address.value(), "now", at(now), "until", at(until));
		RowLocks.updateOrInsert(RowLocks.First.INSERT, () -> jdbc.sql(EXTEND_LOCK).params(params).update(),
				() -> jdbc.sql(INSERT_LOCK).params(params).update(), "protection_decision_locks");
	}

	Optional<Decision> inForce(ClientAddress address, Decision.Type type, Instant now) {
		return jdbc.sql(IN_FORCE_FOR).param("address", address.value()).param("type", type.value())
				.param("now", at(now)).query(DecisionRecords::decision).list().stream().findFirst();
	}

	List<Decision> inForceFor(ClientAddress address, Instant now) {
		return jdbc.sql(IN_FORCE_FOR_ADDRESS).param("address", address.value()).param("now", at(now))
				.query(DecisionRecords::decision).list();
	}

	Decision insert(Decision.Type type, ClientAddress address, int prefixLength, String scenario, String origin,
			Instant now, Instant until) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql(INSERT).param("type", type.value()).param("address", address.value()).param("prefix", prefixLength)
				.param("scenario", scenario).param("origin", origin).param("now", at(now)).param("until", at(until))
				.update(keys, "id");
		return new Decision(keys.getKey().longValue(), type, address.value(), prefixLength, scenario, origin, now,
				until, null);
	}

	boolean lift(long id, Instant now) {
		return jdbc.sql(LIFT).param("id", id).param("now", at(now)).update() == 1;
	}

	Optional<Decision> find(long id) {
		return jdbc.sql(BY_ID).param("id", id).query(DecisionRecords::decision).optional();
	}

	List<Decision> inForce(Instant now) {
		return jdbc.sql(IN_FORCE).param("now", at(now)).query(DecisionRecords::decision).list();
	}

	/** The site-wide decisions in force, oldest first. */
	List<Decision> siteWide(Instant now) {
		return jdbc.sql(SITE_WIDE).param("now", at(now)).query(DecisionRecords::decision).list();
	}

	List<Decision> started(Instant since, Instant now) {
		return jdbc.sql(STARTED).param("since", at(since)).param("now", at(now)).query(DecisionRecords::decision).list();
	}

	List<Decision> ended(Instant since, Instant now) {
		return jdbc.sql(ENDED).param("since", at(since)).param("now", at(now)).query(DecisionRecords::decision).list();
	}

	/** The decisions made or lifted after {@code since} (by the stamp of whoever changed them). */
	List<Decision> changedSince(Instant since) {
		return jdbc.sql(CHANGED).param("since", at(since)).query(DecisionRecords::decision).list();
	}

	/** Address → end of its longest ban in force. */
	Map<String, Instant> activeBans(Instant now) {
		return active(Decision.Type.BAN, now);
	}

	/** Address → end of its longest captcha decision in force. */
	Map<String, Instant> activeCaptchas(Instant now) {
		return active(Decision.Type.CAPTCHA, now);
	}

	private Map<String, Instant> active(Decision.Type type, Instant now) {
		Map<String, Instant> ends = new HashMap<>();
		jdbc.sql(ACTIVE).param("type", type.value()).param("now", at(now)).query(rs -> {
			ends.put(rs.getString("address"), rs.getObject("ends", OffsetDateTime.class).toInstant());
		});
		return ends;
	}

	int deleteExpired(Instant now) {
		return jdbc.sql(DELETE_EXPIRED).param("now", at(now)).update()
				+ jdbc.sql(DELETE_EXPIRED_LOCKS).param("now", at(now)).update();
	}

	private static Decision decision(ResultSet rs, int row) throws SQLException {
		OffsetDateTime lifted = rs.getObject("lifted_at", OffsetDateTime.class);
		return new Decision(rs.getLong("id"), Decision.Type.of(rs.getString("decision_type")), rs.getString("address"),
				rs.getInt("prefix_length"), rs.getString("scenario"), rs.getString("origin"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getObject("expires_at", OffsetDateTime.class).toInstant(), lifted == null ? null : lifted.toInstant());
	}
}
