package eu.pledge.protection;

import java.time.Duration;

/**
 * The answer to "may this login attempt proceed?".
 *
 * @param verdict what to do with the attempt
 * @param retryAfter when refused, how long the client should wait (rounded up to whole seconds)
 */
public record Admission(Verdict verdict, Duration retryAfter) {

	public static final Admission ALLOWED = new Admission(Verdict.ALLOWED, Duration.ZERO);

	public boolean allowed() {
		return verdict == Verdict.ALLOWED;
	}

	public long retryAfterSeconds() {
		return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
	}

	public enum Verdict {
		/** Go ahead and check the credentials. */
		ALLOWED,
		/** The client address is blocked: refuse before any password hashing. */
		ADDRESS_BLOCKED,
		/** Too many recent failures for this account or this address-account pair: slow down. */
		THROTTLED
	}
}
