package eu.pledge.sessions;

import java.time.Instant;
import java.util.Map;

import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/**
 * A sign-in attempt was refused before checking any password, because the address is blocked or the
 * account or address-account pair is throttled. Carries no address: those live only in protection's store.
 */
public record LoginBlocked(Cause cause, long retryAfterSeconds, Instant occurredAt) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return new AuditEntry(null, "login.blocked", null, null, AuditEntry.Outcome.DENIED,
				Map.of("cause", cause.name(), "retryAfterSeconds", Long.toString(retryAfterSeconds)));
	}

	public enum Cause {
		ADDRESS_BLOCKED, THROTTLED
	}
}
