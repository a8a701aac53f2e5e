package eu.pledge.privacy.requests;

import java.time.Instant;
import java.util.UUID;

import eu.pledge.privacy.RequestType;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/** An administrator recorded a data-subject request received another way (ids only). */
public record RequestRecorded(UUID requestId, RequestType type, AccountId account, UUID contactMessageId,
		AccountId by, Instant occurredAt) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		AuditEntry entry = new AuditEntry(by, "privacy-request.recorded", "privacy-request", requestId.toString(),
				AuditEntry.Outcome.SUCCESS, null).with("type", type.name().toLowerCase(java.util.Locale.ROOT));
		if (account != null) {
			entry = entry.with("account", account.toString());
		}
		return contactMessageId == null ? entry : entry.with("contactMessage", contactMessageId.toString());
	}
}
