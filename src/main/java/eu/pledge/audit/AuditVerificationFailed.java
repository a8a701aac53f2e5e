package eu.pledge.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/**
 * Verifying the audit trail found a break: a period or checkpoint changed, deleted or added to after it was
 * sealed, or the chain's head gone. Recorded in the trail itself (the next period's digest seals that a break was
 * seen) and counted by Secure Patrol.
 *
 * @param firstInvalidPeriod the first day of the oldest period that failed or is missing, or null when the head
 *        itself is unreadable
 */
public record AuditVerificationFailed(LocalDate firstInvalidPeriod, Instant occurredAt) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return new AuditEntry(null, "audit.verification-failed", "audit-period",
				firstInvalidPeriod == null ? null : firstInvalidPeriod.toString(), AuditEntry.Outcome.FAILURE, Map.of());
	}
}
