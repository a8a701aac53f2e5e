package eu.pledge.accounts;

import java.time.Instant;

import eu.pledge.shared.AccountId;

/** The person corrected their name or postal address. */
public record ProfileCorrected(AccountId accountId, Instant occurredAt) {
}
