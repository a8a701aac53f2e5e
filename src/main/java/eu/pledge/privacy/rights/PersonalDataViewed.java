package eu.pledge.privacy.rights;

import java.time.Instant;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/** The person looked at everything Pledge holds about them (right of access). */
public record PersonalDataViewed(AccountId accountId, Instant at) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return AuditEntry.onAccount("privacy.viewed", accountId);
	}
}
