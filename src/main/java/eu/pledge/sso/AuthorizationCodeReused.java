package eu.pledge.sso;

import java.time.Instant;

import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/**
 * An authorization code was presented after it had been exchanged, or again while its exchange ran (RFC 6749 4.1.2:
 * a code used twice may have been stolen). The tokens its exchange gave were revoked. Published once for each such
 * presentation.
 *
 * @param account the account id the authorization belonged to
 * @param client the registered client's client id
 */
public record AuthorizationCodeReused(String account, String client, Instant at) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return new AuditEntry(null, "sso.authorization-code-reused", "account", account, AuditEntry.Outcome.DENIED,
				java.util.Map.of("client", client));
	}
}
