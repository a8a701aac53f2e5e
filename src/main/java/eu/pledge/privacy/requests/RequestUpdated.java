package eu.pledge.privacy.requests;

import java.time.Instant;
import java.util.UUID;

import eu.pledge.privacy.RequestStatus;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/**
 * An administrator changed a data-subject request: its status (and with it the deadline, when extended), or
 * added a note. The reasons and notes themselves stay out of the audit trail.
 */
public record RequestUpdated(UUID requestId, RequestStatus status, boolean statusChanged, boolean noteAdded,
		AccountId by, Instant occurredAt) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return new AuditEntry(by, "privacy-request.updated", "privacy-request", requestId.toString(),
				AuditEntry.Outcome.SUCCESS, null).with("status", status.name().toLowerCase(java.util.Locale.ROOT))
				.with("change", statusChanged ? (noteAdded ? "status+note" : "status") : "note");
	}
}
