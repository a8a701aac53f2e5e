package eu.pledge.privacy.requests;

import java.time.Instant;
import java.util.UUID;

import eu.pledge.privacy.RequestType;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/**
 * A data-subject request was recorded (ids only): by an administrator, received another way, or by the person
 * themselves (an objection on the data page: {@code by} is then the account, {@code purpose} what it objects to).
 */
public record RequestRecorded(UUID requestId, RequestType type, AccountId account, UUID contactMessageId,
		AccountId by, Instant occurredAt, String purpose) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		AuditEntry entry = new AuditEntry(by, "privacy-request.recorded", "privacy-request", requestId.toString(),
				AuditEntry.Outcome.SUCCESS, null).with("type", type.name().toLowerCase(java.util.Locale.ROOT));
		if (account != null) {
			entry = entry.with("account", account.toString());
		}
		if (purpose != null) {
			entry = entry.with("purpose", purpose);
		}
		return contactMessageId == null ? entry : entry.with("contactMessage", contactMessageId.toString());
	}
}
