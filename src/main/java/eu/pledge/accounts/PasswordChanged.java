package eu.pledge.accounts;

import java.time.Instant;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/**
 * The account's password was replaced. After a {@link How#RESET} every session of the account must end;
 * after a {@link How#CHANGED change} by the signed-in person, every session but the current one.
 */
public record PasswordChanged(AccountId accountId, How how, Instant occurredAt) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		AuditEntry entry = AuditEntry.onAccount("account.password-changed", accountId).with("how", how.name());
		return how == How.RESET ? entry.by(accountId) : entry;
	}

	public enum How {
		/** The signed-in person changed it, knowing the current one. */
		CHANGED,
		/** Set through an emailed reset link. */
		RESET
	}
}
