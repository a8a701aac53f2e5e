package eu.pledge.patrol;

import java.util.Map;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/** An administrator issued or revoked a key of a CrowdSec bouncer ({@code bouncer}) or a vendor system ({@code system}). */
public record PatrolKeyChanged(AccountId by, String kind, long keyId, boolean issued) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return new AuditEntry(by, issued ? "patrol.key-issued" : "patrol.key-revoked", "patrol-key",
				Long.toString(keyId), AuditEntry.Outcome.SUCCESS, Map.of("kind", kind));
	}
}
