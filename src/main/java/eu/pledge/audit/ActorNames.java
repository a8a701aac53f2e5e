package eu.pledge.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import eu.pledge.accounts.AccountDirectory;
import eu.pledge.accounts.AccountSummary;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Rejected;

/**
 * Who an audit page's actors are, for administrators: the actor search by email (blind index) or name (name
 * tokens) is the console's own ({@link AccountDirectory}), and the table names each actor of the page shown. The
 * trail itself keeps ids only; names are opened from the vault for the page and never stored here.
 */
@Component
class ActorNames {

	private final ObjectProvider<AccountDirectory> directory;

	/** The directory is optional: a test of the audit module alone starts without the accounts module. */
	ActorNames(ObjectProvider<AccountDirectory> directory) {
		this.directory = directory;
	}

	/** The accounts a typed email or name finds (at most a page of them). */
	List<AccountSummary> find(String term) {
		AccountDirectory accounts = directory.getIfAvailable();
		if (accounts == null) {
			return List.of();
		}
		try {
			return accounts.search(term, null).accounts();
		}
		catch (Rejected ex) {
			throw Rejected.badRequest("who", ex.getMessage());
		}
	}

	/** "Name (email)" for each actor id of the entries; an id no account has any more is left out. */
	Map<String, String> of(List<AuditSearch.Entry> entries) {
		Map<String, String> names = new LinkedHashMap<>();
		AccountDirectory accounts = directory.getIfAvailable();
		if (accounts == null) {
			return names;
		}
		entries.stream().map(AuditSearch.Entry::actor).filter(Objects::nonNull).distinct().forEach(actor -> {
			AccountId id;
			try {
				id = AccountId.of(actor);
			}
			catch (IllegalArgumentException ex) {
				return;
			}
			accounts.find(id).filter(summary -> summary.name() != null)
					.ifPresent(summary -> names.put(actor, summary.label()));
		});
		return names;
	}
}
