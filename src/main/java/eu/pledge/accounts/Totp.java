package eu.pledge.accounts;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 time-based one-time passwords with the parameters every authenticator app supports: HMAC-SHA1,
 * six digits, 30-second steps. SHA-1 is fine here: HOTP relies on HMAC, not on collision resistance.
 * <p>
 * This class only answers "which step does this code belong to". Refusing replays is the caller's job: it
 * must store the last accepted step and accept a code only when its step is greater.
 */
final class Totp {

	static final int DIGITS = 6;
	static final long STEP_SECONDS = 30;

	/** Beyond this the code space (10^6) is diluted enough to matter for guessing; it is a caller bug. */
	static final int MAX_DRIFT = 10;

	// RFC 4226 requires at least 128 bits and recommends 160; we generate 160 and refuse anything under 128.
	private static final int SECRET_BYTES = 20;
	private static final int MIN_SECRET_BYTES = 16;

	private static final SecureRandom RANDOM = new SecureRandom();

	private Totp() {
	}

	static String newSecret() {
		byte[] secret = new byte[SECRET_BYTES];
		RANDOM.nextBytes(secret);
		return Base32.encode(secret);
	}

	static long stepAt(Instant instant) {
		return Math.floorDiv(instant.getEpochSecond(), STEP_SECONDS);
	}

	/**
	 * The step within {@code allowedDrift} steps of {@code now} whose code equals {@code code}, preferring
	 * the step closest to now. Every step in the window is computed and compared in constant time, so the
	 * response time says nothing about which step, or how many digits, matched.
	 */
	static OptionalLong matchingStep(String base32Secret, String code, Instant now, int allowedDrift) {
		Objects.requireNonNull(now, "now");
		if (allowedDrift < 0 || allowedDrift > MAX_DRIFT) {
			throw new IllegalArgumentException("allowedDrift must be between 0 and " + MAX_DRIFT);
		}
		byte[] key = key(base32Secret);
		String candidate = code == null ? "" : code.replaceAll("\\s", "");
		if (!isSixDigits(candidate)) {
			return OptionalLong.empty();
		}
		byte[] offered = candidate.getBytes(StandardCharsets.US_ASCII);
		long current = stepAt(now);
		long match = 0;
		boolean found = false;
		// current, current-1, current+1, current-2, ... so that the first hit is the closest step
		for (int offset = 0; offset <= allowedDrift; offset++) {
			for (long step : offset == 0 ? new long[] { current } : new long[] { current - offset, current + offset }) {
				if (sameCode(offered, code(key, step)) && !found) {
					match = step;
					found = true;
				}
			}
		}
		return found ? OptionalLong.of(match) : OptionalLong.empty();
	}

	static String code(String base32Secret, long step) {
		return code(key(base32Secret), step);
	}

	/**
	 * The Key Uri Format understood by Google Authenticator and its successors. The issuer appears both as
	 * label prefix (older apps) and as parameter (newer apps). Spaces become %20, not '+', because '+' is
	 * literal in a URI path and some apps show it.
	 */
	static String otpauthUri(String issuer, String accountLabel, String base32Secret) {
		if (issuer == null || issuer.isBlank() || issuer.indexOf(':') >= 0) {
			throw new IllegalArgumentException("The TOTP issuer must be non-blank and contain no colon");
		}
		Objects.requireNonNull(accountLabel, "accountLabel");
		key(base32Secret); // fail now rather than hand out a QR code no app can use
		String encodedIssuer = encode(issuer);
		return "otpauth://totp/" + encodedIssuer + ":" + encode(accountLabel)
				+ "?secret=" + base32Secret.toUpperCase(Locale.ROOT).replace("=", "")
				+ "&issuer=" + encodedIssuer + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
	}

	private static String code(byte[] key, long step) {
		byte[] hash = hmacSha1(key, step);
		// RFC 4226 section 5.3 dynamic truncation
		int offset = hash[hash.length - 1] & 0x0F;
		int binary = ((hash[offset] & 0x7F) << 24) | ((hash[offset + 1] & 0xFF) << 16)
				| ((hash[offset + 2] & 0xFF) << 8) | (hash[offset + 3] & 0xFF);
		return String.format("%06d", binary % 1_000_000);
	}

	private static byte[] hmacSha1(byte[] key, long step) {
		byte[] message = new byte[8];
		for (int i = 7; i >= 0; i--) {
			message[i] = (byte) step;
			step >>>= 8;
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(key, "HmacSHA1"));
			return mac.doFinal(message);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA1 is required by every Java platform", ex);
		}
	}

	private static byte[] key(String base32Secret) {
		Objects.requireNonNull(base32Secret, "base32Secret");
		byte[] key = Base32.decode(base32Secret);
		if (key.length < MIN_SECRET_BYTES) {
			throw new IllegalArgumentException("TOTP secret is shorter than 128 bits");
		}
		return key;
	}

	private static boolean sameCode(byte[] offered, String expected) {
		return MessageDigest.isEqual(offered, expected.getBytes(StandardCharsets.US_ASCII));
	}

	private static boolean isSixDigits(String candidate) {
		if (candidate.length() != DIGITS) {
			return false;
		}
		for (int i = 0; i < DIGITS; i++) {
			char c = candidate.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}
}
