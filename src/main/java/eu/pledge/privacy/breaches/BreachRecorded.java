package eu.pledge.privacy.breaches;

import java.time.Instant;
import java.util.UUID;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/** An administrator opened a breach record (ids only; what happened stays in the sealed record). */
public record BreachRecorded(UUID breachId, boolean highRisk, AccountId by, Instant occurredAt) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return new AuditEntry(by, "privacy-breach.recorded", "privacy-breach", breachId.toString(),
				AuditEntry.Outcome.SUCCESS, null).with("highRisk", Boolean.toString(highRisk));
	}
}
