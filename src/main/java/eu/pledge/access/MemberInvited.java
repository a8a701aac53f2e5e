package eu.pledge.access;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/** An invitation to join an organisation was mailed. Who was invited is not part of the fact. */
public record MemberInvited(UUID organizationId, Role role, AccountId by, Instant expiresAt, Instant occurredAt)
		implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return new AuditEntry(by, "membership.invited", "organization", organizationId.toString(),
				AuditEntry.Outcome.SUCCESS, Map.of("role", role.name()));
	}
}
