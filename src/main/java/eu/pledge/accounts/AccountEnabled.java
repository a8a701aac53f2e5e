package eu.pledge.accounts;

import java.time.Instant;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/** A platform administrator enabled the disabled account again. */
public record AccountEnabled(AccountId accountId, AccountId by, Instant occurredAt) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return AuditEntry.onAccount("account.enabled", accountId).by(by);
	}
}
