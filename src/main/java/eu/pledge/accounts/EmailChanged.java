package eu.pledge.accounts;

import java.time.Instant;

import eu.pledge.shared.AccountId;

/** A new email address was verified and replaced the old one. */
public record EmailChanged(AccountId accountId, Instant occurredAt) {
}
