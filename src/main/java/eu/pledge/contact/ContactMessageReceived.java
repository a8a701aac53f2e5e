package eu.pledge.contact;

import java.time.Instant;
import java.util.UUID;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/** A message came in through the contact form (its id, and the sender's account when signed in). */
public record ContactMessageReceived(UUID messageId, AccountId sender, Instant occurredAt) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return new AuditEntry(sender, "contact.message-received", "contact-message", messageId.toString(),
				AuditEntry.Outcome.SUCCESS, null);
	}
}
