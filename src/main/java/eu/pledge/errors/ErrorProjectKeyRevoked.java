package eu.pledge.errors;

import java.time.Instant;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/** An administrator revoked a DSN key of an error project; the ingest refuses it from now on. */
public record ErrorProjectKeyRevoked(long projectId, long keyId, AccountId by, Instant occurredAt) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return new AuditEntry(by, "error-project.key-revoked", "error-project", Long.toString(projectId), AuditEntry.Outcome.SUCCESS,
				java.util.Map.of("key", Long.toString(keyId)));
	}
}
