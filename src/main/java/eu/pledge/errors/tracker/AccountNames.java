package eu.pledge.errors.tracker;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import eu.pledge.accounts.AccountDirectory;
import eu.pledge.accounts.AccountSummary;
import eu.pledge.shared.AccountId;

/**
 * Turns the account ids the tracker keeps (of an event's request, an assignee, an engineer in the history) into
 * what an administrator reads: the name and email from the accounts module, "you" for oneself, "an erased
 * account" for one whose data is gone. A page never shows the raw id.
 */
@Component
class AccountNames {

	static final String ERASED = "an erased account";
	private static final String ERASED_NAME = "(erased)"; // what the directory says once the vault key is destroyed

	/**
	 * How an account appears on a page.
	 *
	 * @param label what to show
	 * @param link the console's page of the account, or null when there is none to open
	 */
	record Shown(String label, String link) {
		@Override
		public String toString() {
			return "Shown[redacted]"; // the label is a name and an email
		}
	}

	private final AccountDirectory directory;

	AccountNames(AccountDirectory directory) {
		this.directory = directory;
	}

	/** Each id (null ids skipped) as shown to {@code me}. */
	Map<String, Shown> of(Collection<String> ids, String me) {
		Map<String, Shown> shown = new HashMap<>();
		for (String id : ids) {
			if (id != null && !shown.containsKey(id)) {
				shown.put(id, of(id, me, ErrorEvent.PLEDGE_PROJECT, null));
			}
		}
		return shown;
	}

	/**
	 * The account of an event's request. Pledge's own events carry Pledge's account ids; another system's
	 * events carry its user id, which is a Pledge account only when it matches one.
	 */
	Shown of(String id, String me, long project, String projectName) {
		Optional<AccountId> account = parse(id);
		Optional<AccountSummary> found = account.flatMap(directory::find);
		if (found.isPresent()) {
			AccountSummary summary = found.get();
			if (ERASED_NAME.equals(summary.name())) {
				return new Shown(ERASED, null);
			}
			String label = summary.id().toString().equals(me) ? "you" : summary.label();
			return new Shown(label, "/admin/accounts/" + summary.id());
		}
		if (project == ErrorEvent.PLEDGE_PROJECT || projectName == null) {
			return new Shown(ERASED, null);
		}
		return new Shown("a user of " + projectName + " (not a Pledge account)", null);
	}

	private static Optional<AccountId> parse(String id) {
		try {
			return Optional.of(AccountId.of(id.trim()));
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}
}
