package eu.pledge.access;

import java.time.Instant;
import java.util.Locale;

import eu.pledge.shared.AccountId;

/**
 * Why and since when an account is no longer a customer. Its data is destroyed the grace period after
 * {@code stoppedAt}.
 */
record Departure(Reason reason, Instant stoppedAt) {

	enum Reason {
		/** Never a customer: counted from registration. */
		NEVER_JOINED("never joined an organisation with a contract"),
		/** Removed from its (last customer) organisation: counted from the removal. */
		REMOVED("was removed from its organisation"),
		/** Its organisation was closed: counted from the closing, even while a contract still ran. */
		ORGANIZATION_CLOSED("its organisation was closed"),
		/** The organisation's last contract ended (or it never had one in force since the account joined). */
		CONTRACT_ENDED("its organisation's contract ended"),
		/** The organisation's last contract was suspended. */
		CONTRACT_SUSPENDED("its organisation's contract was suspended");

		private final String words;

		Reason(String words) {
			this.words = words;
		}

		/** Why, in words for the mail (no personal data). */
		String words() {
			return words;
		}

		String key() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}
	}

	/** A row of {@code access_noncustomers}: the departure, the date fixed for the destruction, whether told. */
	record Scheduled(AccountId account, Departure departure, Instant destroyAt, String notice) {
	}
}
