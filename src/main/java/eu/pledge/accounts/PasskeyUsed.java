package eu.pledge.accounts;

import java.time.Instant;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/** A passkey's assertion was verified (a sign-in without password, a second step or a re-check). */
public record PasskeyUsed(AccountId accountId, String passkey, Instant occurredAt) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return AuditEntry.onAccount("account.passkey-used", accountId).by(accountId).with("passkey", passkey);
	}
}
