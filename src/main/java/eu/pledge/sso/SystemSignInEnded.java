package eu.pledge.sso;

import java.time.Instant;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/**
 * A person's sign-in to a system ended: its tokens no longer work, and the system is told if it asked to be.
 *
 * @param reason {@code session-ended}, {@code access-ended}, {@code signed-out-of-system} or {@code erased}
 */
public record SystemSignInEnded(AccountId account, String system, String clientId, String reason, Instant at)
		implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return new AuditEntry(null, "sso.signed-out", "account", account.toString(), AuditEntry.Outcome.SUCCESS,
				java.util.Map.of("system", system, "client", clientId, "reason", reason));
	}
}
