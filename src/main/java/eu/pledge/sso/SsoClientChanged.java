package eu.pledge.sso;

import java.util.Map;

import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/**
 * A platform administrator registered, changed or deleted a system's OAuth client, made it a new secret or ended
 * its earlier secrets ({@code change}: {@code registered}, {@code updated}, {@code secret-rotated},
 * {@code previous-secrets-ended}, {@code deleted}). The administrator is whoever is signed in; never a secret.
 */
public record SsoClientChanged(String clientId, String system, String change) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return new AuditEntry(null, "sso.client-" + change, "sso-client", clientId, AuditEntry.Outcome.SUCCESS,
				Map.of("system", system));
	}
}
