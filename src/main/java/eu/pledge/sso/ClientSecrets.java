package eu.pledge.sso;

import java.time.Clock;
import java.time.Instant;

import org.springframework.security.crypto.password.PasswordEncoder;

import eu.pledge.shared.Tokens;

/**
 * How the authorization server checks a confidential client's secret. A secret is 256 random bits made by Pledge,
 * so its SHA-256 is enough (there is nothing to guess, and Argon2id on every token request would cost ~20 ms of a
 * core). After a rotation the previous secret keeps working until its overlap ends, so a system can roll out the
 * new one without an outage: the stored form is {@code sha256:<new>} or {@code sha256:<new>;<previous>@<until>}.
 */
class ClientSecrets implements PasswordEncoder {

	private static final String PREFIX = "sha256:";
	private final Clock clock;

	ClientSecrets(Clock clock) {
		this.clock = clock;
	}

	@Override
	public String encode(CharSequence raw) {
		return PREFIX + Tokens.sha256(raw.toString());
	}

	/** The stored form after a rotation: the new secret, and the previous one until {@code until}. */
	static String rotated(String newSecret, String storedBefore, Instant until) {
		String previous = current(storedBefore);
		return PREFIX + Tokens.sha256(newSecret) + (previous == null ? "" : ";" + previous + "@" + until.getEpochSecond());
	}

	private static String current(String stored) {
		if (stored == null || !stored.startsWith(PREFIX)) {
			return null;
		}
		int end = stored.indexOf(';');
		return stored.substring(PREFIX.length(), end < 0 ? stored.length() : end);
	}

	@Override
	public boolean matches(CharSequence raw, String stored) {
		if (raw == null || stored == null || !stored.startsWith(PREFIX)) {
			return false;
		}
		String presented = Tokens.sha256(raw.toString());
		boolean match = Tokens.sameSecret(presented, current(stored));
		int previousAt = stored.indexOf(';');
		if (previousAt > 0) {
			String[] previous = stored.substring(previousAt + 1).split("@", 2);
			boolean stillValid = previous.length == 2
					&& clock.instant().isBefore(Instant.ofEpochSecond(Long.parseLong(previous[1])));
			match |= stillValid && Tokens.sameSecret(presented, previous[0]);
		}
		return match;
	}

	/** When the previous secret stops working, if a rotation left one. */
	static Instant previousUntil(String stored) {
		int previousAt = stored == null ? -1 : stored.indexOf(';');
		if (previousAt < 0) {
			return null;
		}
		String[] previous = stored.substring(previousAt + 1).split("@", 2);
		return previous.length == 2 ? Instant.ofEpochSecond(Long.parseLong(previous[1])) : null;
	}
}
