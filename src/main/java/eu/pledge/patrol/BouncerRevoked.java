package eu.pledge.patrol;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/** An administrator revoked a CrowdSec bouncer's key. */
public record BouncerRevoked(AccountId by, long bouncerId) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return new AuditEntry(by, "patrol.bouncer-revoked", "bouncer", Long.toString(bouncerId),
				AuditEntry.Outcome.SUCCESS, null);
	}
}
