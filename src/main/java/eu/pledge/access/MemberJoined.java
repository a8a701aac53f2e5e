package eu.pledge.access;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/** An account accepted an invitation and became a member. */
public record MemberJoined(UUID organizationId, AccountId accountId, Role role, Instant occurredAt)
		implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return new AuditEntry(accountId, "membership.joined", "organization", organizationId.toString(),
				AuditEntry.Outcome.SUCCESS, Map.of("account", accountId.toString(), "role", role.name()));
	}
}
