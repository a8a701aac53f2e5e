package eu.pledge.accounts;

import java.time.Instant;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/** A platform administrator made the account a platform administrator. */
public record AdministratorGranted(AccountId accountId, AccountId by, Instant occurredAt) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return AuditEntry.onAccount("account.administrator-granted", accountId).by(by);
	}
}
