package eu.pledge.access;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/** A platform administrator renamed an organisation or changed its status. */
public record OrganizationUpdated(UUID organizationId, Organization.Status status, AccountId by,
		Instant occurredAt) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return new AuditEntry(by, "organization.updated", "organization", organizationId.toString(),
				AuditEntry.Outcome.SUCCESS, Map.of("status", status.name()));
	}
}
