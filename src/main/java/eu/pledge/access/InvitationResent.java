package eu.pledge.access;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/** A pending invitation was mailed again with a new link (the previous one stopped working). Who was invited is not part of the fact. */
public record InvitationResent(UUID organizationId, Role role, AccountId by, Instant expiresAt, Instant occurredAt)
		implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return new AuditEntry(by, "membership.invitation-resent", "organization", organizationId.toString(),
				AuditEntry.Outcome.SUCCESS, Map.of("role", role.name()));
	}
}
