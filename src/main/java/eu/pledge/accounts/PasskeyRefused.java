package eu.pledge.accounts;

import java.time.Instant;
import java.util.Map;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/**
 * A passkey's answer was refused. {@code accountId} is the account the credential belongs to, or null when no
 * account has it; {@code CLONED} means the authenticator's sign counter went back: a copy of the key is in use.
 */
public record PasskeyRefused(AccountId accountId, String passkey, Reason reason, Instant occurredAt)
		implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return new AuditEntry(null, "account.passkey-refused", "account",
				accountId == null ? null : accountId.toString(), AuditEntry.Outcome.FAILURE,
				passkey == null ? Map.of("reason", reason.name()) : Map.of("reason", reason.name(), "passkey", passkey));
	}

	public enum Reason {
		/** No account has this credential (removed, or never registered here). */
		UNKNOWN,
		/** The signature, challenge, origin or relying-party id did not verify. */
		INVALID,
		/** The answer came from an origin Pledge does not accept. */
		WRONG_ORIGIN,
		/** The challenge was used already or expired. */
		STALE,
		/** The sign counter did not go up: a cloned authenticator. */
		CLONED,
		/** A valid passkey of another account than the one signing in. */
		OTHER_ACCOUNT
	}
}
