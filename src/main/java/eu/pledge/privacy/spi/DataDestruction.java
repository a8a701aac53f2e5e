package eu.pledge.privacy.spi;

import java.time.Instant;
import java.util.Optional;

import eu.pledge.shared.AccountId;

/**
 * When an account's data will be destroyed under the customer rule if nothing changes: shown to the person on their
 * data page and in {@code GET /api/v1/me/data} ({@code destroyedOn}). Implemented by the module that knows who is a
 * customer; empty while the account is one.
 */
public interface DataDestruction {

	Optional<Instant> destroyedOn(AccountId account);
}
