package eu.pledge.errors;

import java.time.Instant;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/** An administrator created an error project (its first DSN key is issued with it). */
public record ErrorProjectCreated(long projectId, AccountId by, Instant occurredAt) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return new AuditEntry(by, "error-project.created", "error-project", Long.toString(projectId), AuditEntry.Outcome.SUCCESS,
				null);
	}
}
