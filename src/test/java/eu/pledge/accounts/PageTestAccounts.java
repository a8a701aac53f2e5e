package eu.pledge.accounts;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import eu.pledge.shared.AccountId;

/** Real accounts for the page tests, and the link tokens that reach them through the development outbox. */
@Component
class PageTestAccounts {

	static final String PASSWORD = "correct horse battery staple";

	private static final String NEWEST_MAIL = "SELECT body FROM dev_outbox WHERE recipient = :to ORDER BY id DESC";

	private final Accounts accounts;
	private final JdbcClient jdbc;

	PageTestAccounts(Accounts accounts, JdbcClient jdbc) {
		this.accounts = accounts;
		this.jdbc = jdbc;
	}

	static String randomEmail() {
		return "page-" + UUID.randomUUID() + "@example.org";
	}

	/** A verified account, as if registered and confirmed. */
	AccountId verified(String email) {
		return accounts.create("Ada Lovelace", email, PASSWORD,
				new PostalAddress("1 St James's Square", "SW1Y 4JH", "London", "United Kingdom"), true, "");
	}

	/** The token of the newest link to {@code path} mailed to {@code email}. */
	String linkToken(String email, String path) {
		String body = jdbc.sql(NEWEST_MAIL).param("to", email).query(String.class).list().stream().findFirst()
				.orElseThrow(() -> new AssertionError("No mail to the test address"));
		Matcher link = Pattern.compile(Pattern.quote(path) + "\\?token=([A-Za-z0-9_-]+)").matcher(body);
		if (!link.find()) {
			throw new AssertionError("The newest mail has no " + path + " link");
		}
		return link.group(1);
	}
}
