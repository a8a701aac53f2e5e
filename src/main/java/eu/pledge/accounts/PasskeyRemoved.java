package eu.pledge.accounts;

import java.time.Instant;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/** The person removed a passkey. */
public record PasskeyRemoved(AccountId accountId, String passkey, Instant occurredAt) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return AuditEntry.onAccount("account.passkey-removed", accountId).by(accountId).with("passkey", passkey);
	}
}
