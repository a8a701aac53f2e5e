package eu.pledge.access;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/** A platform administrator gave an organisation a contract. */
public record ContractCreated(UUID contractId, UUID organizationId, Contract.Status status, int seats, AccountId by,
		Instant occurredAt) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return new AuditEntry(by, "contract.created", "contract", contractId.toString(), AuditEntry.Outcome.SUCCESS,
				Map.of("organization", organizationId.toString(), "status", status.name(), "seats", String.valueOf(seats)));
	}
}
