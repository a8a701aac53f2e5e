package eu.pledge.errors;

import java.time.Instant;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/** An administrator issued a DSN key for an error project (never the key itself). */
public record ErrorProjectKeyIssued(long projectId, long keyId, AccountId by, Instant occurredAt) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return new AuditEntry(by, "error-project.key-issued", "error-project", Long.toString(projectId), AuditEntry.Outcome.SUCCESS,
				java.util.Map.of("key", Long.toString(keyId)));
	}
}
