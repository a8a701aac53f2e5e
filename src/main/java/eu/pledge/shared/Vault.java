package eu.pledge.shared;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The personal-data vault. Every account has its own random AES-256 data key, stored only wrapped by the
 * master key; each value is sealed with AES-256-GCM under that key, bound to the account and the field it
 * belongs to. {@link #destroy(KeyOwner) Destroying} the data key makes every copy of the ciphertext,
 * backups included, unreadable: that is how Pledge erases. The vault is not created, and Pledge does not start,
 * with a master key that did not wrap this database's keys ({@link MasterKeyCheck}).
 */
@Component
public class Vault {

	private static final String INSERT = """
			INSERT INTO vault_keys (owner_id, wrapped_key, created_at) VALUES (:owner, :wrapped, :now)
			""";
	private static final String SELECT = "SELECT wrapped_key FROM vault_keys WHERE owner_id = :owner";
	private static final String DELETE = "DELETE FROM vault_keys WHERE owner_id = :owner";

	private static final byte VERSION = 1;
	private static final int IV_BYTES = 12;
	private static final int TAG_BITS = 128;

	private final JdbcClient jdbc;
	private final Clock clock;
	private final SecretKeySpec wrappingKey;
	private final SecretKeySpec blindIndexKey;
	private final MasterKey master;
	private final long cacheTtlMillis;
	private final SecureRandom random = new SecureRandom();
	private final Map<java.util.UUID, CachedKey> cache = new ConcurrentHashMap<>();
	// Cipher.getInstance walks the provider list each time; one instance per thread, re-initialised per use.
	private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(Vault::newCipher);

	Vault(JdbcClient jdbc, Clock clock, VaultProperties properties, PledgeProperties pledge) {
		this.jdbc = jdbc;
		this.clock = clock;
		MasterKey master = MasterKey.load(properties, pledge.dataDir());
		this.master = master;
		this.wrappingKey = new SecretKeySpec(master.derive("key-wrapping"), "AES");
		this.blindIndexKey = new SecretKeySpec(master.derive("blind-index"), "HmacSHA256");
		this.cacheTtlMillis = properties.keyCacheTtl().toMillis();
		// Before anything is sealed or opened: a wrong master key stops the start here, not every sign-in later.
		new MasterKeyCheck(jdbc, clock).verify(master, new MasterKeyCheck.Wrapping() {
			@Override
			public byte[] wrap(byte[] plain, byte[] aad) {
				return encrypt(wrappingKey, plain, aad);
			}

			@Override
			public boolean unwraps(byte[] wrapped, byte[] aad) {
				try {
					decrypt(wrappingKey, wrapped, aad);
					return true;
				}
				catch (IllegalStateException ex) {
					return false;
				}
			}
		});
	}

	/** Creates the data key of a new account. Call inside the transaction that creates the account. */
	public void createKey(KeyOwner owner) {
		byte[] dataKey = new byte[32];
		random.nextBytes(dataKey);
		byte[] wrapped = encrypt(wrappingKey, dataKey, aad(owner, "data-key"));
		jdbc.sql(INSERT).param("owner", owner.value()).param("wrapped", wrapped)
				.param("now", java.sql.Timestamp.from(clock.instant())).update();
	}

	/** Seals a value of {@code field} for {@code owner}; {@code null} stays {@code null}. */
	public String seal(KeyOwner owner, String field, String plaintext) {
		if (plaintext == null) {
			return null;
		}
		byte[] sealed = encrypt(dataKey(owner), plaintext.getBytes(StandardCharsets.UTF_8), aad(owner, field));
		return Base64.getEncoder().encodeToString(sealed);
	}

	/**
	 * Opens a sealed value.
	 *
	 * @throws KeyDestroyedException when the account's data key no longer exists
	 */
	public String open(KeyOwner owner, String field, String sealed) {
		if (sealed == null) {
			return null;
		}
		byte[] plain = decrypt(dataKey(owner), Base64.getDecoder().decode(sealed), aad(owner, field));
		return new String(plain, StandardCharsets.UTF_8);
	}

	/**
	 * Seals a value no account owns (a link with a single-use token waiting in a session's row) under a key derived
	 * from the master key for {@code purpose} alone; only {@link #openFor} with the same purpose opens it, on any
	 * node that shares the master key.
	 */
	public String sealFor(String purpose, String plaintext) {
		byte[] sealed = encrypt(purposeKey(purpose), plaintext.getBytes(StandardCharsets.UTF_8), purposeAad(purpose));
		return Base64.getEncoder().encodeToString(sealed);
	}

	/** What {@link #sealFor} sealed for {@code purpose}; empty when it was not (tampered, another key, not Base64). */
	public Optional<String> openFor(String purpose, String sealed) {
		try {
			byte[] plain = decrypt(purposeKey(purpose), Base64.getDecoder().decode(sealed), purposeAad(purpose));
			return Optional.of(new String(plain, StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			return Optional.empty();
		}
	}

	private SecretKeySpec purposeKey(String purpose) {
		return new SecretKeySpec(master.derive("sealing/" + purpose), "AES");
	}

	private static byte[] purposeAad(String purpose) {
		return ("purpose/" + purpose).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A keyed, deterministic index of a normalized value (e.g. a lower-cased email), so equal values can be
	 * found without storing them. Without the master key the index reveals nothing.
	 */
	public String blindIndex(String normalized) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(blindIndexKey);
			return HexFormat.of().formatHex(mac.doFinal(normalized.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 unavailable", ex);
		}
	}

	/**
	 * HMAC-SHA256 of {@code data} under a key derived from the master key for {@code purpose} alone (e.g. the
	 * audit trail's period digests). The key never leaves the vault; the same purpose and data always give the
	 * same signature on every node that shares the master key.
	 */
	public byte[] sign(String purpose, byte[] data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(master.derive("signing/" + purpose), "HmacSHA256"));
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 unavailable", ex);
		}
	}

	/** Crypto-shredding: forgets the account's data key, so its ciphertext can never be opened again. */
	public void destroy(KeyOwner owner) {
		jdbc.sql(DELETE).param("owner", owner.value()).update();
		cache.remove(owner.value());
	}

	public boolean hasKey(KeyOwner owner) {
		return loadWrapped(owner).isPresent();
	}

	private SecretKeySpec dataKey(KeyOwner owner) {
		long now = clock.millis();
		CachedKey cached = cache.get(owner.value());
		if (cached != null && cached.expiresAt > now) {
			return cached.key;
		}
		byte[] wrapped = loadWrapped(owner).orElseThrow(KeyDestroyedException::new);
		SecretKeySpec key = new SecretKeySpec(decrypt(wrappingKey, wrapped, aad(owner, "data-key")), "AES");
		if (cache.size() > 50_000) {
			cache.clear(); // crude bound; unwrapping again is cheap
		}
		cache.put(owner.value(), new CachedKey(key, now + cacheTtlMillis));
		return key;
	}

	private Optional<byte[]> loadWrapped(KeyOwner owner) {
		return jdbc.sql(SELECT).param("owner", owner.value()).query(byte[].class).optional();
	}

	private byte[] encrypt(SecretKeySpec key, byte[] plain, byte[] aad) {
		try {
			byte[] iv = new byte[IV_BYTES];
			random.nextBytes(iv);
			Cipher cipher = ciphers.get();
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(aad);
			byte[] body = cipher.doFinal(plain);
			return ByteBuffer.allocate(1 + IV_BYTES + body.length).put(VERSION).put(iv).put(body).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM encryption failed", ex);
		}
	}

	private byte[] decrypt(SecretKeySpec key, byte[] sealed, byte[] aad) {
		if (sealed.length < 1 + IV_BYTES || sealed[0] != VERSION) {
			throw new IllegalStateException("Unknown ciphertext format");
		}
		try {
			Cipher cipher = ciphers.get();
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, IV_BYTES));
			cipher.updateAAD(aad);
			return cipher.doFinal(sealed, 1 + IV_BYTES, sealed.length - 1 - IV_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Ciphertext failed authentication (wrong key or tampered data)");
		}
	}

	private static Cipher newCipher() {
		try {
			return Cipher.getInstance("AES/GCM/NoPadding");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES/GCM is required by every Java platform", ex);
		}
	}

	static byte[] aad(KeyOwner owner, String field) {
		return (owner.value() + "/" + field).getBytes(StandardCharsets.UTF_8);
	}

	private record CachedKey(SecretKeySpec key, long expiresAt) {
		@Override
		public String toString() {
			return "CachedKey[redacted]";
		}
	}

	/** The account's data key was destroyed: its personal data is gone for good. */
	public static class KeyDestroyedException extends RuntimeException {
		KeyDestroyedException() {
			super("The data key of this account has been destroyed");
		}
	}
}
