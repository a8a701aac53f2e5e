package eu.pledge.privacy.breaches;

import java.time.Instant;
import java.util.UUID;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/**
 * An administrator recorded that the supervisory authority was notified of a breach (Art. 33), and whether that was
 * after the 72 hours.
 */
public record AuthorityNotified(UUID breachId, Instant notifiedAt, boolean late, AccountId by, Instant occurredAt)
		implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return new AuditEntry(by, "privacy-breach.authority-notified", "privacy-breach", breachId.toString(),
				AuditEntry.Outcome.SUCCESS, null).with("notifiedAt", notifiedAt.toString())
				.with("late", Boolean.toString(late));
	}
}
