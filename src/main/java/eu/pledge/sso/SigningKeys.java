package eu.pledge.sso;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import eu.pledge.shared.RecordKey;
import eu.pledge.shared.Vault;

/**
 * The keys that sign Pledge's tokens, shared by every node through the database: one ES256 and one RS256 key per
 * slot (access tokens and, by default, ID tokens use {@code pledge.sso.key-algorithm}; a client may ask for the
 * other for its ID tokens; logout tokens are RS256, the one algorithm every relying party must accept, and the only
 * one Spring Security's back-channel logout accepts). Time is cut into slots of
 * {@code pledge.sso.key-rotation}; the key of a slot signs during that slot only, and the key of the next slot is
 * published a whole slot before it signs anything, so a system that caches the key set already knows it. A key
 * stays published until every token it signed has expired, then it is deleted and its vault key destroyed. Two
 * nodes creating the same slot's key at once cannot both succeed: the slot is in the key id, which is the
 * primary key. Private keys are sealed in the vault; this node keeps the opened keys in memory and reads the
 * table again every {@value #REFRESH_SECONDS} seconds, or at once when asked for a key it does not know.
 */
@Component
class SigningKeys implements JWKSource<SecurityContext> {

	static final long REFRESH_SECONDS = 10;
	private static final String FIELD = "sso-signing-key";

	private final JdbcClient jdbc;
	private final Vault vault;
	private final SsoProperties properties;
	private final Clock clock;
	private final TransactionTemplate transactions;

	private volatile Loaded loaded = new Loaded(List.of(), Instant.MIN, -1);

	SigningKeys(JdbcClient jdbc, Vault vault, SsoProperties properties, Clock clock, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.vault = vault;
		this.properties = properties;
		this.clock = clock;
		this.transactions = transactions;
	}

	private record Loaded(List<Key> keys, Instant at, long slot) {
	}

	/** A key as this node knows it: opened, with when it signs and until when it is published. */
	record Key(String kid, JWK jwk, Instant signsFrom, Instant signsUntil, Instant publishedUntil) {
		@Override
		public String toString() {
			return "Key[" + kid + "]";
		}
	}

	/** The key that signs now with the configured algorithm ({@code pledge.sso.key-algorithm}). */
	Key current() {
		return current(properties.keyAlgorithm());
	}

	/** The key that signs now with {@code algorithm}. */
	Key current(SsoProperties.KeyAlgorithm algorithm) {
		Instant now = clock.instant();
		Key key = find(now, algorithm);
		if (key == null) {
			reload(now, true);
			key = find(now, algorithm);
		}
		if (key == null) {
			throw new IllegalStateException("No signing key for the current slot");
		}
		return key;
	}

	private Key find(Instant now, SsoProperties.KeyAlgorithm algorithm) {
		Loaded state = state(now);
		String kid = kid(slot(now), algorithm);
		return state.keys.stream().filter(key -> key.kid.equals(kid)).findFirst().orElse(null);
	}

	/** Every key a token may be verified with now: the current one, the next one and those still published. */
	List<Key> published() {
		Instant now = clock.instant();
		return state(now).keys.stream().filter(key -> key.publishedUntil.isAfter(now)).toList();
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) {
		Instant now = clock.instant();
		List<JWK> candidates = published().stream().map(Key::jwk).toList();
		List<JWK> selected = selector.select(new JWKSet(candidates));
		if (selected.isEmpty() && selector.getMatcher().getKeyIDs() != null
				&& !selector.getMatcher().getKeyIDs().isEmpty()) {
			reload(now, false); // a key another node created a moment ago
			selected = selector.select(new JWKSet(published().stream().map(Key::jwk).toList()));
		}
		return selected;
	}

	private Loaded state(Instant now) {
		Loaded state = loaded;
		if (state.slot != slot(now) || Duration.between(state.at, now).abs().getSeconds() >= REFRESH_SECONDS) {
			state = reload(now, true);
		}
		return state;
	}

	/** Reads the keys; when {@code ensure}, first creates this slot's and the next slot's key if missing. */
	synchronized Loaded reload(Instant now, boolean ensure) {
		long slot = slot(now);
		if (ensure) {
			for (SsoProperties.KeyAlgorithm algorithm : SsoProperties.KeyAlgorithm.values()) {
				ensure(slot, algorithm);
				ensure(slot + 1, algorithm);
			}
			retire(now);
		}
		List<Key> keys = new ArrayList<>();
		jdbc.sql("SELECT kid, private_jwk_sealed, vault_key, signs_until, published_until FROM sso_signing_keys "
				+ "WHERE published_until > ? ORDER BY signs_until").param(java.sql.Timestamp.from(now)).query((rs, row) -> {
					String kid = rs.getString(1);
					Key known = loaded.keys.stream().filter(key -> key.kid.equals(kid)).findFirst().orElse(null);
					if (known != null) {
						return known;
					}
					String json = vault.open(new RecordKey(UUID.fromString(rs.getString(3))), FIELD, rs.getString(2));
					Instant until = rs.getTimestamp(4).toInstant();
					return new Key(kid, parse(json), until.minus(properties.keyRotation()), until,
							rs.getTimestamp(5).toInstant());
				}).list().forEach(keys::add);
		Loaded state = new Loaded(List.copyOf(keys), now, slot);
		loaded = state;
		return state;
	}

	private void ensure(long slot, SsoProperties.KeyAlgorithm algorithm) {
		String kid = kid(slot, algorithm);
		if (loaded.keys.stream().anyMatch(key -> key.kid.equals(kid))) {
			return;
		}
		Integer known = jdbc.sql("SELECT COUNT(*) FROM sso_signing_keys WHERE kid = ?").param(kid).query(Integer.class)
				.single();
		if (known > 0) {
			return;
		}
		JWK jwk = generate(kid, algorithm);
		Instant signsUntil = start(slot + 1);
		// Tokens signed at the very end of the slot live one access-token lifetime; a minute more for clocks.
		Instant publishedUntil = signsUntil.plus(properties.accessTokenLifetime()).plus(Duration.ofMinutes(1));
		RecordKey owner = new RecordKey(UUID.randomUUID());
		try {
			transactions.executeWithoutResult(status -> {
				vault.createKey(owner);
				jdbc.sql("INSERT INTO sso_signing_keys (kid, algorithm, public_jwk, private_jwk_sealed, vault_key, "
						+ "created_at, signs_until, published_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
						.params(kid, algorithm.name(), jwk.toPublicJWK().toJSONString(),
								vault.seal(owner, FIELD, jwk.toJSONString()), owner.value().toString(),
								java.sql.Timestamp.from(clock.instant()), java.sql.Timestamp.from(signsUntil),
								java.sql.Timestamp.from(publishedUntil))
						.update();
			});
		}
		catch (DuplicateKeyException ex) {
			// another node created this slot's key first: use theirs
		}
	}

	/** Keys no token can still need: deleted, and their vault keys destroyed. */
	private void retire(Instant now) {
		var expired = jdbc.sql("SELECT kid, vault_key FROM sso_signing_keys WHERE published_until <= ?")
				.param(java.sql.Timestamp.from(now)).query((rs, row) -> new String[] { rs.getString(1), rs.getString(2) })
				.list();
		for (String[] key : expired) {
			transactions.executeWithoutResult(status -> {
				if (jdbc.sql("DELETE FROM sso_signing_keys WHERE kid = ?").param(key[0]).update() > 0) {
					vault.destroy(new RecordKey(UUID.fromString(key[1])));
				}
			});
		}
	}

	private JWK generate(String kid, SsoProperties.KeyAlgorithm algorithm) {
		try {
			return switch (algorithm) {
				case ES256 -> new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE)
						.algorithm(JWSAlgorithm.ES256).generate();
				case RS256 -> new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE)
						.algorithm(JWSAlgorithm.RS256).generate();
			};
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not generate a signing key", ex);
		}
	}

	private static JWK parse(String json) {
		try {
			return JWK.parse(json);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("A stored signing key could not be read", ex);
		}
	}

	long slot(Instant at) {
		return Math.floorDiv(at.getEpochSecond(), properties.keyRotation().getSeconds());
	}

	private Instant start(long slot) {
		return Instant.ofEpochSecond(slot * properties.keyRotation().getSeconds());
	}

	/** The slot and the algorithm name the key: one key per slot and algorithm on every node. */
	private static String kid(long slot, SsoProperties.KeyAlgorithm algorithm) {
		return algorithm.name().toLowerCase(java.util.Locale.ROOT) + "-" + slot;
	}
}
