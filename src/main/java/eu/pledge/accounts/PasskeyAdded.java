package eu.pledge.accounts;

import java.time.Instant;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/** The person registered a passkey; {@code passkey} is the short reference shown on the security page, never the key. */
public record PasskeyAdded(AccountId accountId, String passkey, Instant occurredAt) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return AuditEntry.onAccount("account.passkey-added", accountId).by(accountId).with("passkey", passkey);
	}
}
