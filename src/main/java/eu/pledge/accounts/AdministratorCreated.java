package eu.pledge.accounts;

import java.time.Instant;

import eu.pledge.shared.AccountId;

/** A platform administrator was created (set-up link or bootstrap variables). */
public record AdministratorCreated(AccountId accountId, Instant occurredAt) {
}
