package eu.pledge.sessions;

import java.time.Instant;

import eu.pledge.shared.AccountId;

/** A person signed in; {@code secondFactor} tells whether a TOTP or recovery code was part of it. */
public record LoginSucceeded(AccountId accountId, boolean secondFactor, Instant occurredAt) {
}
