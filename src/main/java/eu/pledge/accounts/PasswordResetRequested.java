package eu.pledge.accounts;

import java.time.Instant;

import eu.pledge.shared.AccountId;

/** A password-reset link was mailed for the account. */
public record PasswordResetRequested(AccountId accountId, Instant occurredAt) {
}
