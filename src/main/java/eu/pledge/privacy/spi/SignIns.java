package eu.pledge.privacy.spi;

import java.time.Instant;
import java.util.Set;

import eu.pledge.shared.AccountId;

/**
 * Who signed in successfully in a window, as the audit trail knows it: the people a breach of that window may
 * affect (GDPR Art. 34). Implemented by the module that keeps the trail; it answers only as far back as it keeps
 * events.
 */
public interface SignIns {

	/** The accounts with a successful sign-in at or after {@code from} and before {@code to}. */
	Set<AccountId> succeededBetween(Instant from, Instant to);
}
