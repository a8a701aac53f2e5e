package eu.pledge.privacy;

import java.util.Comparator;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.privacy.spi.ContactAddresses;
import eu.pledge.privacy.spi.DataStore;
import eu.pledge.privacy.spi.PersonalDataHolder;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Vault;

/**
 * Every {@link PersonalDataHolder} of the application, found as Spring beans: the one place that knows them all.
 * The right to erasure and the retention rules that destroy the data of accounts no longer customers (access) both erase through
 * {@link #eraseAll(AccountId)}, so the two can never cover different data.
 */
@Component
public class Holders {

	private final ObjectProvider<PersonalDataHolder> holders;
	private final ObjectProvider<ContactAddresses> accounts;
	private final Vault vault;
	private volatile List<PersonalDataHolder> erasureOrder;

	// Lazily: a retention rule that erases is itself needed by beans that holders may depend on.
	Holders(ObjectProvider<PersonalDataHolder> holders, ObjectProvider<ContactAddresses> accounts, Vault vault) {
		this.holders = holders;
		this.accounts = accounts;
		this.vault = vault;
	}

	public List<PersonalDataHolder> all() {
		return holders.orderedStream().toList();
	}

	/** Every store every holder declares. */
	public List<DataStore> stores() {
		return all().stream().flatMap(holder -> holder.describe().stream()).toList();
	}

	/**
	 * Erases everything every holder keeps about the account, in one transaction (the caller's, when there is one):
	 * either all of it goes or none. The holders of the {@code identity} category run last, so every other holder
	 * can still derive what it finds the person's rows by (such as the keyed email index); then the vault forgets
	 * the account's data key (crypto-shredding: copies of the ciphertext in backups can no longer be opened).
	 * The account's row is taken first, before any holder's rows, in the order a sign-in takes them too (an erasure
	 * that took them the other way round and a sign-in at the same moment deadlocked). Publishes nothing; the caller
	 * records why.
	 */
	@Transactional
	public void eraseAll(AccountId account) {
		ContactAddresses directory = accounts.getIfAvailable();
		if (directory != null) {
			directory.hold(account); // gone already (a sweep's second look, a double erasure): erased all the same
		}
		erasureOrder().forEach(holder -> holder.erase(account));
		vault.destroy(account);
	}

	// Decided once: a sweep erases accounts by the thousand, and describe() may cost a transaction per holder.
	private List<PersonalDataHolder> erasureOrder() {
		List<PersonalDataHolder> order = erasureOrder;
		if (order == null) {
			order = all().stream().sorted(Comparator.comparing(Holders::holdsIdentity)).toList();
			erasureOrder = order;
		}
		return order;
	}

	private static boolean holdsIdentity(PersonalDataHolder holder) {
		return holder.describe().stream().anyMatch(store -> store.category().equals("identity"));
	}
}
