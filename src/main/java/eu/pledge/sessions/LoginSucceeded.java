package eu.pledge.sessions;

import java.time.Instant;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/**
 * A person signed in; {@code secondFactor} tells whether a TOTP or recovery code or a passkey was part of it (a
 * sign-in with a passkey alone counts: the passkey is a device the person has, unlocked by their verification).
 */
public record LoginSucceeded(AccountId accountId, boolean secondFactor, Instant occurredAt) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return AuditEntry.onAccount("login.succeeded", accountId).by(accountId).with("secondFactor",
				Boolean.toString(secondFactor));
	}
}
