package eu.pledge.sso;

import java.time.Instant;

import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/**
 * A back-channel logout token was delivered to a system, or given up on after a day of retries.
 *
 * @param status the HTTP status of the last attempt, -1 when the system could not be reached
 */
public record LogoutDelivered(String clientId, boolean delivered, int attempts, int status, Instant at)
		implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return new AuditEntry(null, delivered ? "sso.logout-sent" : "sso.logout-failed", "sso-client", clientId,
				delivered ? AuditEntry.Outcome.SUCCESS : AuditEntry.Outcome.FAILURE,
				java.util.Map.of("attempts", Integer.toString(attempts), "status", Integer.toString(status)));
	}
}
