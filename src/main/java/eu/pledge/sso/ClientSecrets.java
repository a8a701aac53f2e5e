package eu.pledge.sso;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.security.crypto.password.PasswordEncoder;

import eu.pledge.shared.Tokens;

/**
 * How the authorization server checks a confidential client's secret. A secret is 256 random bits made by Pledge,
 * so its SHA-256 is enough (there is nothing to guess, and Argon2id on every token request would cost ~20 ms of a
 * core). After a rotation the secrets before it keep working until their overlap ends, so a system can roll out the
 * new one without an outage, and a rotation repeated by a double click or a retrying client does not cut off the
 * secret the system still uses. The stored form is {@code sha256:<current>} followed by at most
 * {@link #MAX_PREVIOUS} times {@code ;<previous>@<until>} (epoch seconds), newest first: 375 characters at most, in
 * a column of 400.
 */
class ClientSecrets implements PasswordEncoder {

	/** How many earlier secrets may still be working at once; a further rotation waits or ends them first. */
	static final int MAX_PREVIOUS = 4;
	private static final String PREFIX = "sha256:";
	private final Clock clock;

	/** A secret that worked before a rotation, until {@code until}. */
	record Previous(String digest, Instant until) {
		@Override
		public String toString() {
			return "Previous[until " + until + "]";
		}
	}

	ClientSecrets(Clock clock) {
		this.clock = clock;
	}

	@Override
	public String encode(CharSequence raw) {
		return only(raw.toString());
	}

	/** The stored form of one secret, with no earlier ones. */
	static String only(String secret) {
		return PREFIX + Tokens.sha256(secret);
	}

	/**
	 * The stored form after a rotation at {@code now}: the new secret, the one current until now and the earlier
	 * ones still within their overlap, each working until its own end. Null when {@link #MAX_PREVIOUS} earlier
	 * secrets are still working: the caller refuses the rotation.
	 */
	static String rotated(String newSecret, String storedBefore, Instant now, Instant until) {
		List<Previous> previous = new ArrayList<>();
		String current = current(storedBefore);
		if (current != null) {
			previous.add(new Previous(current, until));
		}
		previous.addAll(working(storedBefore, now));
		if (previous.size() > MAX_PREVIOUS) {
			return null;
		}
		StringBuilder stored = new StringBuilder(only(newSecret));
		previous.forEach(p -> stored.append(';').append(p.digest()).append('@').append(p.until().getEpochSecond()));
		return stored.toString();
	}

	/** The stored form with only the current secret: every earlier one stops working at once. */
	static String withoutPrevious(String stored) {
		String current = current(stored);
		return current == null ? stored : PREFIX + current;
	}

	private static String current(String stored) {
		if (stored == null || !stored.startsWith(PREFIX)) {
			return null;
		}
		int end = stored.indexOf(';');
		return stored.substring(PREFIX.length(), end < 0 ? stored.length() : end);
	}

	/** The earlier secrets that still work at {@code now}, newest first. */
	static List<Previous> working(String stored, Instant now) {
		List<Previous> working = new ArrayList<>();
		if (stored == null || !stored.startsWith(PREFIX)) {
			return working;
		}
		String[] parts = stored.split(";");
		for (int i = 1; i < parts.length; i++) {
			String[] previous = parts[i].split("@", 2);
			if (previous.length == 2 && previous[1].chars().allMatch(Character::isDigit) && !previous[1].isEmpty()) {
				Instant until = Instant.ofEpochSecond(Long.parseLong(previous[1]));
				if (now.isBefore(until)) {
					working.add(new Previous(previous[0], until));
				}
			}
		}
		return working;
	}

	@Override
	public boolean matches(CharSequence raw, String stored) {
		if (raw == null || stored == null || !stored.startsWith(PREFIX)) {
			return false;
		}
		String presented = Tokens.sha256(raw.toString());
		boolean match = Tokens.sameSecret(presented, current(stored));
		for (Previous previous : working(stored, clock.instant())) {
			match |= Tokens.sameSecret(presented, previous.digest());
		}
		return match;
	}

	/** Until when the last of the earlier secrets works, if any still does at {@code now}. */
	static Instant previousUntil(String stored, Instant now) {
		return working(stored, now).stream().map(Previous::until).max(Instant::compareTo).orElse(null);
	}
}
