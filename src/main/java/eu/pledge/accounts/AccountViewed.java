package eu.pledge.accounts;

import java.time.Instant;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/** A platform administrator looked at the account's data in the console: the person sees it in their own activity. */
public record AccountViewed(AccountId accountId, AccountId by, Instant occurredAt) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return AuditEntry.onAccount("account.viewed-by-administrator", accountId).by(by);
	}
}
