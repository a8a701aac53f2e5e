package eu.pledge.accounts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.Rejected;
import eu.pledge.shared.Vault;

/**
 * Finding accounts for the administrators' console, a page at a time in id order, without plaintext in the
 * database: an email is found through its blind index (the whole normalised address), a name through
 * {@link NameIndex} tokens (every word of the term, each a whole word or the beginning of one). Only the rows of
 * the page are opened from the vault.
 */
@Service
@Transactional(readOnly = true)
public class AccountDirectory {

	public static final int PAGE_SIZE = 25;
	private static final int LONGEST_TERM = 254;
	private static final int MOST_WORDS = 5;

	private static final String ALL = "SELECT id FROM accounts";
	private static final String MATCHING = """
			SELECT account_id FROM account_name_tokens WHERE token IN (:tokens)%s
			GROUP BY account_id HAVING COUNT(*) = :count ORDER BY account_id LIMIT :limit""";

	/** One page; {@code next} is the cursor of the following page, null on the last. */
	public record Page(List<AccountSummary> accounts, String next) {
	}

	private final JdbcClient jdbc;
	private final AccountRepository accounts;
	private final NameIndex names;
	private final Vault vault;

	private final Passkeys passkeys;

	AccountDirectory(JdbcClient jdbc, AccountRepository accounts, NameIndex names, Vault vault, Passkeys passkeys) {
		this.passkeys = passkeys;
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.names = names;
		this.vault = vault;
	}

	/** Accounts whose email is {@code term} (when it has an @) or whose name has its words; every account when blank. */
	public Page search(String term, String cursor) {
		String query = term == null ? "" : term.strip();
		if (query.length() > LONGEST_TERM) {
			throw Rejected.badRequest("q", "Search with at most " + LONGEST_TERM + " characters.");
		}
		UUID after = cursor(cursor);
		if (query.contains("@")) {
			if (after != null) {
				return new Page(List.of(), null);
			}
			return new Page(accounts.findByEmailIndex(vault.blindIndex(EmailAddresses.normalize(query)))
					.map(this::summary).stream().toList(), null);
		}
		List<UUID> ids;
		if (query.isEmpty()) {
			ids = (after == null ? jdbc.sql(ALL + " ORDER BY id LIMIT :limit")
					: jdbc.sql(ALL + " WHERE id > :after ORDER BY id LIMIT :limit").param("after", after))
					.param("limit", PAGE_SIZE + 1).query(UUID.class).list();
		}
		else {
			List<String> tokens = names.tokensOfTerm(query);
			if (tokens.isEmpty()) {
				throw Rejected.badRequest("q", "Enter an email address, or a name (letters or digits).");
			}
			if (tokens.size() > MOST_WORDS) {
				throw Rejected.badRequest("q", "Search with at most " + MOST_WORDS + " words of a name.");
			}
			ids = (after == null ? jdbc.sql(MATCHING.formatted(""))
					: jdbc.sql(MATCHING.formatted(" AND account_id > :after")).param("after", after))
					.param("tokens", tokens).param("count", tokens.size()).param("limit", PAGE_SIZE + 1)
					.query(UUID.class).list();
		}
		List<AccountSummary> page = new ArrayList<>();
		for (UUID id : ids.subList(0, Math.min(ids.size(), PAGE_SIZE))) {
			accounts.find(id).map(this::summary).ifPresent(page::add);
		}
		String next = ids.size() > PAGE_SIZE ? ids.get(PAGE_SIZE - 1).toString() : null;
		return new Page(page, next);
	}

	/** The platform administrators (few), for pickers such as Codana's assignee. */
	public List<AccountSummary> administrators() {
		return accounts.idsWithRole(AccountAdministration.ADMIN).stream().map(accounts::find)
				.flatMap(Optional::stream).map(this::summary).toList();
	}

	/** One account for its page in the console. */
	public Optional<AccountSummary> find(AccountId id) {
		return accounts.find(id.value()).map(this::summary);
	}

	private AccountSummary summary(StoredAccount account) {
		AccountId id = account.accountId();
		String name;
		String email;
		try {
			name = vault.open(id, "name", account.name());
			email = vault.open(id, "email", account.email());
		}
		catch (Vault.KeyDestroyedException ex) {
			name = "(erased)";
			email = "";
		}
		// The sign-in methods that are on (password, authenticator app, passkey), for the console.
		java.util.List<String> methods = passkeys.methods(id).stream()
				.map(method -> method.name().toLowerCase(java.util.Locale.ROOT)).sorted().toList();
		return new AccountSummary(id, name, email, account.verified(), account.secondFactor(),
				account.roleSet().contains("ADMIN"), account.disabled(), account.createdAt(), account.lastSignInAt(),
				methods);
	}

	private static UUID cursor(String cursor) {
		if (cursor == null || cursor.isBlank()) {
			return null;
		}
		try {
			return UUID.fromString(cursor.strip());
		}
		catch (IllegalArgumentException ex) {
			throw Rejected.badRequest("cursor", "This page link is not valid. Start the search again.");
		}
	}
}
