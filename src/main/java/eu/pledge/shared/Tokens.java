package eu.pledge.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random secrets for links and codes, and the one-way hash under which they are stored. A link token is
 * 256 bits of randomness, so a plain SHA-256 suffices: there is nothing to brute-force.
 */
public final class Tokens {

	private static final SecureRandom RANDOM = new SecureRandom();
	private static final MessageDigest SHA256;

	static {
		try {
			SHA256 = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

	private Tokens() {
	}

	/** A URL-safe random token carrying {@code bytes} bytes of entropy. */
	public static String random(int bytes) {
		byte[] buffer = new byte[bytes];
		RANDOM.nextBytes(buffer);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
	}

	public static String newLinkToken() {
		return random(32);
	}

	/** SHA-256 of the value's UTF-8 bytes, in lower-case hex. */
	public static String sha256(String value) {
		return HexFormat.of().formatHex(sha256Digest().digest(value.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * A fresh SHA-256 digest, cloned from one made at start-up: {@code MessageDigest.getInstance} looks the
	 * algorithm up among the security providers on every call, which cost more than hashing a session id (Secure
	 * Patrol's session sensor names the session of every request this way; docs/PERFORMANCE.md).
	 */
	private static MessageDigest sha256Digest() {
		try {
			return (MessageDigest) SHA256.clone();
		}
		catch (CloneNotSupportedException ex) {
			try {
				return MessageDigest.getInstance("SHA-256"); // a provider whose digests cannot be cloned
			}
			catch (NoSuchAlgorithmException never) {
				throw new IllegalStateException("SHA-256 is required by every Java platform", never);
			}
		}
	}

	/** Constant-time comparison so that checking a secret does not leak how much of it matched. */
	public static boolean sameSecret(String a, String b) {
		return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8),
				b.getBytes(StandardCharsets.UTF_8));
	}
}
