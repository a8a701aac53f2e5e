package eu.pledge.access;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/** A pending invitation was revoked; its link no longer works. Who was invited is not part of the fact. */
public record InvitationRevoked(UUID organizationId, Role role, AccountId by, Instant occurredAt) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return new AuditEntry(by, "membership.invitation-revoked", "organization", organizationId.toString(),
				AuditEntry.Outcome.SUCCESS, Map.of("role", role.name()));
	}
}
