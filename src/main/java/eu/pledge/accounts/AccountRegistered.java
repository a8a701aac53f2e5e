package eu.pledge.accounts;

import java.time.Instant;

import eu.pledge.shared.AccountId;

/** A person registered; their email is not yet verified. */
public record AccountRegistered(AccountId accountId, Instant occurredAt) {
}
