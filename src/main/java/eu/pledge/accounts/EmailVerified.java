package eu.pledge.accounts;

import java.time.Instant;

import eu.pledge.shared.AccountId;

/** The person proved they own the email address of their account. */
public record EmailVerified(AccountId accountId, Instant occurredAt) {
}
