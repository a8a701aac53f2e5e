package eu.pledge.accounts;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.Vault;

/**
 * The name search without the name in the database: each word of a name, lower-cased and without accents, and
 * each of its beginnings of three letters or more, is stored only as a keyed HMAC (the vault's blind index, in a
 * domain of its own so a name token never equals an email's index). A search term becomes the same tokens; an
 * account matches when it holds all of them. Someone with the database but not the master key learns how many
 * words a name has and which accounts share one, never the words.
 * <p>
 * Accounts registered before the index existed are indexed by {@link #backfill()} at start-up, a batch at a time:
 * each account is claimed by flipping {@code name_indexed} in the transaction that writes its tokens, so two nodes
 * starting at once never index one account twice, and a crash half-way leaves it for the next start.
 */
@Component
class NameIndex {

	static final int SHORTEST_PREFIX = 3;
	private static final int LONGEST_WORD = 40;
	private static final int BATCH = 200;
	private static final Logger log = LoggerFactory.getLogger(NameIndex.class);

	private static final String DELETE = "DELETE FROM account_name_tokens WHERE account_id = :id";
	private static final String INSERT = "INSERT INTO account_name_tokens (token, account_id) VALUES (:token, :id)";
	private static final String MARK = "UPDATE accounts SET name_indexed = TRUE WHERE id = :id";
	private static final String CLAIM = "UPDATE accounts SET name_indexed = TRUE WHERE id = :id AND name_indexed = FALSE";
	private static final String UNINDEXED = "SELECT id, name FROM accounts WHERE name_indexed = FALSE";
	private static final String PAGE = " ORDER BY id FETCH FIRST " + BATCH + " ROWS ONLY";

	private final JdbcClient jdbc;
	private final Vault vault;
	private final TransactionTemplate transactions;

	NameIndex(JdbcClient jdbc, Vault vault, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.vault = vault;
		this.transactions = transactions;
	}

	/** The normalised words of a name or a search term: lower case, accents dropped, split at anything not a letter or digit. */
	static List<String> words(String text) {
		if (text == null) {
			return List.of();
		}
		String plain = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
		return java.util.Arrays.stream(plain.split("[^\\p{L}\\p{N}]+")).filter(word -> !word.isEmpty())
				.map(word -> word.length() > LONGEST_WORD ? word.substring(0, LONGEST_WORD) : word).distinct().toList();
	}

	/** What the index stores for a name: every word and its beginnings of {@value #SHORTEST_PREFIX} letters or more. */
	Set<String> tokensOfName(String name) {
		Set<String> tokens = new LinkedHashSet<>();
		for (String word : words(name)) {
			tokens.add(token(word));
			for (int end = SHORTEST_PREFIX; end < word.length(); end++) {
				tokens.add(token(word.substring(0, end)));
			}
		}
		return tokens;
	}

	/** What a search term asks for: one token per word (a word shorter than a prefix matches only a whole word). */
	List<String> tokensOfTerm(String term) {
		return words(term).stream().map(this::token).toList();
	}

	private String token(String word) {
		return vault.blindIndex("name:" + word);
	}

	/** Replaces the account's tokens; inside the caller's transaction (registration, a corrected name). */
	void index(AccountId id, String name) {
		jdbc.sql(DELETE).param("id", id.value()).update();
		for (String token : tokensOfName(name)) {
			jdbc.sql(INSERT).param("token", token).param("id", id.value()).update();
		}
		jdbc.sql(MARK).param("id", id.value()).update();
	}

	void erase(AccountId id) {
		jdbc.sql(DELETE).param("id", id.value()).update();
	}

	/** Indexes the accounts that are not yet; returns how many this call indexed. */
	@EventListener(ApplicationReadyEvent.class)
	int backfill() {
		int indexed = 0;
		UUID after = null;
		while (true) {
			// no lower bound for the first batch: whether the nil UUID sorts first is the database's business
			List<Object[]> batch = (after == null ? jdbc.sql(UNINDEXED + PAGE)
					: jdbc.sql(UNINDEXED + " AND id > :after" + PAGE).param("after", after))
					.query((rs, row) -> new Object[] { rs.getObject(1, UUID.class), rs.getString(2) }).list();
			for (Object[] row : batch) {
				UUID id = (UUID) row[0];
				after = id;
				try {
					if (Boolean.TRUE.equals(transactions.execute(status -> claimAndIndex(id, (String) row[1])))) {
						indexed++;
					}
				}
				catch (RuntimeException ex) {
					// an account erased meanwhile (its key is gone): nothing to index
					log.warn("Name index of account {} not written ({})", id, ex.getClass().getSimpleName());
				}
			}
			if (batch.size() < BATCH) {
				break;
			}
		}
		if (indexed > 0) {
			log.info("Name index filled in for {} accounts", indexed);
		}
		return indexed;
	}

	private boolean claimAndIndex(UUID id, String sealedName) {
		if (jdbc.sql(CLAIM).param("id", id).update() != 1) {
			return false; // another node did it
		}
		AccountId account = new AccountId(id);
		jdbc.sql(DELETE).param("id", id).update();
		for (String token : tokensOfName(vault.open(account, "name", sealedName))) {
			jdbc.sql(INSERT).param("token", token).param("id", id).update();
		}
		return true;
	}
}
