package eu.pledge.access;

import java.time.Instant;
import java.util.UUID;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/** A platform administrator created an organisation. */
public record OrganizationCreated(UUID organizationId, AccountId by, Instant occurredAt) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return new AuditEntry(by, "organization.created", "organization", organizationId.toString(),
				AuditEntry.Outcome.SUCCESS, null);
	}
}
