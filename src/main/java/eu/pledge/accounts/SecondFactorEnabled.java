package eu.pledge.accounts;

import java.time.Instant;

import eu.pledge.shared.AccountId;

/** The person enrolled a TOTP second factor. */
public record SecondFactorEnabled(AccountId accountId, Instant occurredAt) {
}
