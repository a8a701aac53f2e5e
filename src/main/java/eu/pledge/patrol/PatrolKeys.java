package eu.pledge.patrol;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.RecentChecks;
import eu.pledge.shared.Rejected;
import eu.pledge.shared.Tokens;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The keys of the machines that talk to Secure Patrol: CrowdSec bouncers reading its decisions and the vendor's
 * systems reporting detections. Administrators issue one (shown once; stored as a SHA-256, the key being 256
 * random bits), see when each was last used, and revoke it; issuing and revoking are audit events.
 */
@Service
class PatrolKeys {

	/** What a key lets its holder do. */
	enum Kind {
		BOUNCER, SYSTEM;

		String value() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	/** An issued key; {@code hint} is its first characters, to tell keys apart. */
	@Schema(name = "PatrolKey") // one schema name per type in the API document
	record Key(long id, String name, String hint, Instant createdAt, Instant lastUsed, Instant revokedAt) {
	}

	/** A key just issued, with its secret: the only time the secret is seen. */
	record Issued(Key key, String secret) {

		@Override
		public String toString() {
			return "Issued[" + key.id() + "]";
		}
	}

	private static final String COLUMNS = "id, name, key_hint, created_at, last_used, revoked_at ";
	private static final String INSERT = """
			INSERT INTO patrol_keys (kind, name, key_hash, key_hint, created_at) VALUES (:kind, :name, :hash, :hint, :now)
			""";
	private static final String LIST = "SELECT " + COLUMNS + "FROM patrol_keys WHERE kind = :kind ORDER BY id";
	private static final String BY_SECRET = "SELECT " + COLUMNS
			+ "FROM patrol_keys WHERE key_hash = :hash AND kind = :kind AND revoked_at IS NULL";
	private static final String REVOKE = """
			UPDATE patrol_keys SET revoked_at = :now WHERE id = :id AND kind = :kind AND revoked_at IS NULL""";
	private static final String USED = "UPDATE patrol_keys SET last_used = :at WHERE id = :id";
	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,49}");

	private final JdbcClient jdbc;
	private final Clock clock;
	private final ApplicationEventPublisher events;
	/** Key digest → the key, as checked within {@code recheck-after}; live decisions only. */
	private final RecentChecks<String, Optional<Key>> recent;

	PatrolKeys(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events, PatrolProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.events = events;
		this.recent = new RecentChecks<>(properties.recheckAfter(), new AtomicLong(),
				key -> key.map(Key::id).orElse(null));
	}

	@Transactional
	Issued issue(Kind kind, AccountId by, String name) {
		if (name == null || !NAME.matcher(name.strip()).matches()) {
			throw new Rejected(HttpStatus.BAD_REQUEST, "name",
					"A name is 1 to 50 letters, digits, spaces, dots, dashes or underscores.");
		}
		String secret = Tokens.random(32);
		Instant now = now();
		GeneratedKeyHolder ids = new GeneratedKeyHolder();
		jdbc.sql(INSERT).param("kind", kind.value()).param("name", name.strip()).param("hash", Tokens.sha256(secret))
				.param("hint", secret.substring(0, 6)).param("now", DetectionRecords.at(now)).update(ids, "id");
		Key key = new Key(ids.getKey().longValue(), name.strip(), secret.substring(0, 6), now, null, null);
		events.publishEvent(new PatrolKeyChanged(by, kind.value(), key.id(), true));
		return new Issued(key, secret);
	}

	List<Key> list(Kind kind) {
		return jdbc.sql(LIST).param("kind", kind.value()).query(PatrolKeys::key).list();
	}

	@Transactional
	void revoke(Kind kind, AccountId by, long id) {
		recent.forgetThroughCommit(id);
		if (jdbc.sql(REVOKE).param("id", id).param("kind", kind.value()).param("now", DetectionRecords.at(now()))
				.update() == 0) {
			throw new Rejected(HttpStatus.NOT_FOUND, "There is no key " + id + " of this kind in use.");
		}
		events.publishEvent(new PatrolKeyChanged(by, kind.value(), id, false));
	}

	/** The key this secret belongs to, unless it was revoked or is of another kind. */
	Optional<Key> authenticate(Kind kind, String secret) {
		if (secret == null || secret.isBlank() || secret.length() > 200) {
			return Optional.empty();
		}
		return byHash(kind, Tokens.sha256(secret.strip()));
	}

	private Optional<Key> byHash(Kind kind, String hash) {
		return jdbc.sql(BY_SECRET).param("hash", hash).param("kind", kind.value()).query(PatrolKeys::key).optional();
	}

	/**
	 * {@link #authenticate}, reusing a key this node found valid within {@code recheck-after} (a refusal is never
	 * kept): for a bouncer that asks about every request it serves. Its {@code lastUsed} may be that old, so the
	 * stream, which starts where the last pull ended, does not use it.
	 */
	Optional<Key> authenticateRecent(Kind kind, String secret) {
		if (secret == null || secret.isBlank() || secret.length() > 200) {
			return Optional.empty();
		}
		String hash = Tokens.sha256(secret.strip());
		return recent.get(kind.value() + ":" + hash, () -> byHash(kind, hash), Optional::isPresent);
	}

	void used(long id, Instant at) {
		jdbc.sql(USED).param("id", id).param("at", DetectionRecords.at(at)).update();
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static Key key(ResultSet rs, int row) throws SQLException {
		return new Key(rs.getLong("id"), rs.getString("name"), rs.getString("key_hint"), instant(rs, "created_at"),
				instant(rs, "last_used"), instant(rs, "revoked_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}
}
