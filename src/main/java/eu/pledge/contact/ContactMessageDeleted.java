package eu.pledge.contact;

import java.time.Instant;
import java.util.UUID;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/** An administrator deleted a contact message before its retention period ended (e.g. once answered). */
public record ContactMessageDeleted(UUID messageId, AccountId by, Instant occurredAt) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return new AuditEntry(by, "contact.message-deleted", "contact-message", messageId.toString(),
				AuditEntry.Outcome.SUCCESS, null);
	}
}
