package eu.pledge.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The installation's master secret. It never encrypts data itself: it derives the key-wrapping key and the
 * blind-index key, so that the two uses can never be confused.
 */
final class MasterKey {

	private final byte[] secret;
	private final String source;

	private MasterKey(byte[] secret, String source) {
		if (secret.length != 32) {
			throw new IllegalStateException("The master key must be exactly 32 bytes (base64 of 32 random bytes)");
		}
		this.secret = secret;
		this.source = source;
	}

	static MasterKey load(VaultProperties properties, Path dataDir) {
		if (properties.masterKey() != null && !properties.masterKey().isBlank()) {
			return new MasterKey(decode(properties.masterKey()),
					"the master key set in pledge.vault.master-key (PLEDGE_VAULT_MASTER_KEY)");
		}
		Path file = properties.masterKeyFile() != null ? properties.masterKeyFile() : dataDir.resolve("master.key");
		try {
			String source = "the master key in the key file " + file.toAbsolutePath()
					+ " (pledge.vault.master-key-file, default <pledge.data-dir>/master.key";
			if (!Files.exists(file)) {
				create(file);
				source += "; it did not exist, and this start created it with a new key";
			}
			source += ")";
			return new MasterKey(decode(Files.readString(file).trim()), source);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the master key file " + file, ex);
		}
	}

	private static void create(Path file) throws IOException {
		byte[] fresh = new byte[32];
		new SecureRandom().nextBytes(fresh);
		Files.createDirectories(file.toAbsolutePath().getParent());
		try {
			// Create with owner-only permissions from the start: a later chmod would leave a window.
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		catch (UnsupportedOperationException ex) {
			Files.createFile(file);
		}
		catch (FileAlreadyExistsException ex) {
			return; // another node or process won the race; use its key
		}
		Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n");
	}

	private static byte[] decode(String base64) {
		try {
			return Base64.getDecoder().decode(base64.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("The master key is not valid base64");
		}
	}

	/** A 256-bit key for one named purpose, derived with HMAC-SHA256 (HKDF-expand with a single block). */
	byte[] derive(String purpose) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret, "HmacSHA256"));
			mac.update(("pledge:" + purpose).getBytes(java.nio.charset.StandardCharsets.UTF_8));
			mac.update((byte) 1);
			return mac.doFinal();
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 unavailable", ex);
		}
	}

	/** Where the key came from, for messages: the property or the key file's path, never the key. */
	String source() {
		return source;
	}

	@Override
	public String toString() {
		return "MasterKey[redacted]";
	}
}
