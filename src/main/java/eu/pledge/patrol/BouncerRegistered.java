package eu.pledge.patrol;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/** An administrator registered a CrowdSec bouncer. */
public record BouncerRegistered(AccountId by, long bouncerId) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return new AuditEntry(by, "patrol.bouncer-registered", "bouncer", Long.toString(bouncerId),
				AuditEntry.Outcome.SUCCESS, null);
	}
}
