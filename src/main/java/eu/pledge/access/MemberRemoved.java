package eu.pledge.access;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/** A member was removed from an organisation; their access through it ended with that. */
public record MemberRemoved(UUID organizationId, AccountId accountId, Role role, AccountId by, Instant occurredAt)
		implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return new AuditEntry(by, "membership.removed", "organization", organizationId.toString(),
				AuditEntry.Outcome.SUCCESS, Map.of("account", accountId.toString(), "role", role.name()));
	}
}
