package eu.pledge.access;

import java.time.Instant;

import eu.pledge.shared.AccountId;

/** A member of an organisation. */
public record Member(AccountId accountId, Role role, Instant joinedAt) {
}
