package eu.pledge.access;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import eu.pledge.accounts.AccountAdministration;
import eu.pledge.accounts.AccountDirectory;
import eu.pledge.accounts.AccountSummary;
import eu.pledge.privacy.Restrictions;
import eu.pledge.sessions.AdministeredSessions;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Rejected;

/**
 * The "People" part of the administrators' console, shared by its pages and its API: the account list with
 * each account's status and organisations, an account's page with its access and sessions. Every account whose
 * data an administrator is shown is recorded in the audit trail as viewed by that administrator (who looked at
 * whom), and the person sees it in their own activity.
 */
@Service
class AccountConsole {

	/** A row of the list. */
	record Row(AccountSummary account, boolean restricted, List<Membership> organizations) {
	}

	/** A page of rows; {@code next} is the cursor of the next page, null on the last. */
	record Rows(List<Row> rows, String next) {
	}

	/** An account's page. */
	record Details(Row row, List<SystemAccess> access, List<AdministeredSessions.Session> sessions) {
	}

	private final AccountDirectory directory;
	private final AccountAdministration administration;
	private final Memberships memberships;
	private final Access access;
	private final AdministeredSessions sessions;
	private final ObjectProvider<Restrictions> restrictions;

	AccountConsole(AccountDirectory directory, AccountAdministration administration, Memberships memberships,
			Access access, AdministeredSessions sessions, ObjectProvider<Restrictions> restrictions) {
		this.directory = directory;
		this.administration = administration;
		this.memberships = memberships;
		this.access = access;
		this.sessions = sessions;
		this.restrictions = restrictions;
	}

	Rows search(AccountId admin, String query, String cursor) {
		AccountDirectory.Page page = directory.search(query, cursor);
		List<Row> rows = page.accounts().stream().map(this::row).toList();
		rows.forEach(row -> administration.viewed(admin, row.account().id()));
		return new Rows(rows, page.next());
	}

	Details details(AccountId admin, String id) {
		AccountId account = parse(id);
		Row row = directory.find(account).map(this::row).orElseThrow(AccountConsole::notFound);
		administration.viewed(admin, account);
		return new Details(row, access.effectiveAccess(account), sessions.of(account));
	}

	private Row row(AccountSummary account) {
		Restrictions check = restrictions.getIfAvailable();
		return new Row(account, check != null && check.isRestricted(account.id()), memberships.of(account.id()));
	}

	/** An account id from a path: anything else is "no such account", never a 500. */
	static AccountId parse(String id) {
		java.util.UUID uuid = Access.uuid(id);
		if (uuid == null) {
			throw notFound();
		}
		return new AccountId(uuid);
	}

	static Rejected notFound() {
		return new Rejected(HttpStatus.NOT_FOUND, "There is no such account.");
	}
}
