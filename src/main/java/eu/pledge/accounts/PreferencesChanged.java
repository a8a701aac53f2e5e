package eu.pledge.accounts;

import java.time.Instant;

import eu.pledge.shared.AccountId;

/** The person changed their home page or dashboard layout. */
public record PreferencesChanged(AccountId accountId, Instant occurredAt) {
}
