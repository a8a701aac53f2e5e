package eu.pledge.accounts;

import java.time.Instant;

import eu.pledge.shared.AccountId;

/** The person removed their second factor. */
public record SecondFactorDisabled(AccountId accountId, Instant occurredAt) {
}
