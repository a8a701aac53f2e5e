package eu.pledge.shared;

import java.util.UUID;

/**
 * Whose data key the {@link Vault} seals a value with: an account, or one stored record that belongs to no
 * account. Destroying the owner's key makes every value sealed with it unreadable.
 */
public sealed interface KeyOwner permits AccountId, RecordKey {

	/** The id the data key is stored under. */
	UUID value();
}
