package eu.pledge.patrol;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.Rejected;
import eu.pledge.shared.Tokens;

/**
 * The CrowdSec bouncers allowed to read the decisions: administrators register one (its key is shown once and
 * stored as a SHA-256, the key being 256 random bits), see when each last pulled, and revoke it.
 */
@Service
class Bouncers {

	/** A registered bouncer; {@code keyHint} is the key's first characters, to tell keys apart. */
	record Bouncer(long id, String name, String keyHint, Instant createdAt, Instant lastPull, Instant revokedAt) {
	}

	/** A bouncer just registered, with its key: the only time the key is seen. */
	record Registered(Bouncer bouncer, String key) {

		@Override
		public String toString() {
			return "Registered[" + bouncer.id() + "]";
		}
	}

	private static final String COLUMNS = "id, name, key_hint, created_at, last_pull, revoked_at ";
	private static final String INSERT = """
			INSERT INTO patrol_bouncers (name, key_hash, key_hint, created_at) VALUES (:name, :hash, :hint, :now)
			""";
	private static final String LIST = "SELECT " + COLUMNS + "FROM patrol_bouncers ORDER BY id";
	private static final String BY_KEY = "SELECT " + COLUMNS + "FROM patrol_bouncers WHERE key_hash = :hash AND revoked_at IS NULL";
	private static final String REVOKE = "UPDATE patrol_bouncers SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL";
	private static final String PULLED = "UPDATE patrol_bouncers SET last_pull = :at WHERE id = :id";
	private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,49}");

	private final JdbcClient jdbc;
	private final Clock clock;
	private final ApplicationEventPublisher events;

	Bouncers(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.events = events;
	}

	@Transactional
	Registered register(AccountId by, String name) {
		if (name == null || !NAME.matcher(name.strip()).matches()) {
			throw new Rejected(HttpStatus.BAD_REQUEST, "name",
					"A bouncer's name is 1 to 50 letters, digits, spaces, dots, dashes or underscores.");
		}
		String key = Tokens.random(32);
		Instant now = now();
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql(INSERT).param("name", name.strip()).param("hash", Tokens.sha256(key)).param("hint", key.substring(0, 6))
				.param("now", DetectionRecords.at(now)).update(keys, "id");
		Bouncer bouncer = new Bouncer(keys.getKey().longValue(), name.strip(), key.substring(0, 6), now, null, null);
		events.publishEvent(new BouncerRegistered(by, bouncer.id()));
		return new Registered(bouncer, key);
	}

	List<Bouncer> list() {
		return jdbc.sql(LIST).query(Bouncers::bouncer).list();
	}

	@Transactional
	void revoke(AccountId by, long id) {
		if (jdbc.sql(REVOKE).param("id", id).param("now", DetectionRecords.at(now())).update() == 0) {
			throw new Rejected(HttpStatus.NOT_FOUND, "There is no bouncer " + id + " in use.");
		}
		events.publishEvent(new BouncerRevoked(by, id));
	}

	/** The bouncer this key belongs to, unless it was revoked. */
	Optional<Bouncer> authenticate(String key) {
		if (key == null || key.isBlank() || key.length() > 200) {
			return Optional.empty();
		}
		return jdbc.sql(BY_KEY).param("hash", Tokens.sha256(key.strip())).query(Bouncers::bouncer).optional();
	}

	void pulled(long id, Instant at) {
		jdbc.sql(PULLED).param("id", id).param("at", DetectionRecords.at(at)).update();
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static Bouncer bouncer(ResultSet rs, int row) throws SQLException {
		return new Bouncer(rs.getLong("id"), rs.getString("name"), rs.getString("key_hint"), instant(rs, "created_at"),
				instant(rs, "last_pull"), instant(rs, "revoked_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}
}
