package eu.pledge.accounts;

import java.time.Instant;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/** "Passkey only" was turned on (the password no longer signs in) or off (by the person, or by a password reset). */
public record PasskeyOnlyChanged(AccountId accountId, boolean on, Instant occurredAt) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return AuditEntry.onAccount(on ? "account.passkey-only-on" : "account.passkey-only-off", accountId);
	}
}
