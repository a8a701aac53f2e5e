package eu.pledge.privacy.breaches;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/** An administrator changed a breach record: the names of the fields that changed, never their values. */
public record BreachUpdated(UUID breachId, List<String> fields, AccountId by, Instant occurredAt) implements Auditable {

	public BreachUpdated {
		fields = List.copyOf(fields);
	}

	@Override
	public AuditEntry auditEntry() {
		return new AuditEntry(by, "privacy-breach.updated", "privacy-breach", breachId.toString(),
				AuditEntry.Outcome.SUCCESS, null).with("fields", String.join(",", fields));
	}
}
