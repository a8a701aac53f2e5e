package eu.pledge.sso;

import java.time.Instant;

import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/**
 * A refresh token was presented after it had been exchanged (or forty times at once): someone holds a copy of it.
 * Every token of that authorization was revoked.
 *
 * @param account the account id the authorization belonged to
 * @param client the registered client's internal id
 */
public record RefreshTokenReused(String account, String client, Instant at) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return new AuditEntry(null, "sso.refresh-token-reused", "account", account, AuditEntry.Outcome.DENIED,
				java.util.Map.of("client", client));
	}
}
