package eu.pledge.privacy.spi;

import java.util.List;

import eu.pledge.shared.AccountId;

/**
 * A module's personal data, as the privacy module sees it. Implementations are Spring beans; the privacy
 * module finds all of them.
 */
public interface PersonalDataHolder {

	/** Where this module keeps personal data: every table (or file set) and the inventory category of each. */
	List<DataStore> describe();

	/** Everything held about the account, in stable, documented shapes; never another person's data. */
	List<HeldItem> export(AccountId account);

	/**
	 * Erases everything held about the account (rows deleted, or made anonymous where a record must stay,
	 * like the audit trail's pseudonymous note). Idempotent; runs in the caller's transaction.
	 * <p>
	 * Order: the holder that describes the {@code identity} category (accounts) erases last, so every other
	 * holder can still find what leads to its rows (e.g. the email through {@code ContactAddresses}, or the
	 * accounts module's keyed email index). Publish no event here: the audit trail records events before the
	 * commit, after it has pseudonymised the account, and an event naming the account would bring it back.
	 */
	void erase(AccountId account);
}
