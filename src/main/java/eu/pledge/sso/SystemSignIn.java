package eu.pledge.sso;

import java.time.Instant;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/**
 * Tokens for a system: a person's authorization was granted (a code issued), tokens were issued for it or refreshed,
 * or a system took tokens for itself (client credentials, no person). Never a token value.
 *
 * @param account the person, or null for a system's own tokens
 * @param step {@code authorization-granted}, {@code token-issued}, {@code token-refreshed}, {@code token-revoked}
 */
public record SystemSignIn(AccountId account, String system, String clientId, String step, Instant at)
		implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return account == null
				? new AuditEntry(null, "sso." + step, "system", system, AuditEntry.Outcome.SUCCESS,
						java.util.Map.of("client", clientId))
				: new AuditEntry(account, "sso." + step, "system", system, AuditEntry.Outcome.SUCCESS,
						java.util.Map.of("client", clientId));
	}
}
