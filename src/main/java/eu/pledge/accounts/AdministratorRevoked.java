package eu.pledge.accounts;

import java.time.Instant;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/** A platform administrator removed the account's platform administrator role. */
public record AdministratorRevoked(AccountId accountId, AccountId by, Instant occurredAt) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return AuditEntry.onAccount("account.administrator-revoked", accountId).by(by);
	}
}
