package eu.pledge.accounts;

import java.time.Instant;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/** A platform administrator mailed the account a new verification link. */
public record VerificationResent(AccountId accountId, AccountId by, Instant occurredAt) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return AuditEntry.onAccount("account.verification-resent", accountId).by(by);
	}
}
