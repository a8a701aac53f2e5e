package eu.pledge.privacy.retention;

import java.time.Instant;
import java.util.Map;

import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/**
 * One run of one retention rule: how many items it deleted, or that it failed (then {@code count} is what the
 * committed batches deleted before the failure is unknown, so it is absent).
 */
public record RetentionSwept(String rule, String category, Long count, boolean completed, Instant occurredAt)
		implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		Map<String, String> detail = count == null ? Map.of("category", category)
				: Map.of("category", category, "count", Long.toString(count));
		return new AuditEntry(null, "privacy.retention.swept", "retention-rule", rule,
				completed ? AuditEntry.Outcome.SUCCESS : AuditEntry.Outcome.FAILURE, detail);
	}
}
