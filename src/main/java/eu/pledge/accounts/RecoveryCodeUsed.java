package eu.pledge.accounts;

import java.time.Instant;

import eu.pledge.shared.AccountId;

/** A one-time recovery code was spent instead of a TOTP code. */
public record RecoveryCodeUsed(AccountId accountId, Instant occurredAt) {
}
