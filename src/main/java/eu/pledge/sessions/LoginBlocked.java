package eu.pledge.sessions;

import java.time.Instant;

/**
 * A sign-in attempt was refused before checking any password, because the address is blocked or the
 * account or address-account pair is throttled. Carries no address: those live only in protection's store.
 */
public record LoginBlocked(Cause cause, long retryAfterSeconds, Instant occurredAt) {

	public enum Cause {
		ADDRESS_BLOCKED, THROTTLED
	}
}
