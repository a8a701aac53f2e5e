package eu.pledge.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import eu.pledge.shared.AccountId;
import eu.pledge.testing.AtOnce;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.People;

/** The keyed name index: what it stores, corrections, and the start-up fill-in for accounts older than the index. */
class NameIndexTests extends HttpTest {

	@Autowired
	NameIndex index;

	@Autowired
	AccountDirectory directory;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Accounts accounts;

	@Test
	void wordsAreLowerCasedWithoutAccentsAndSplitAtAnythingElse() {
		assertThat(NameIndex.words("  José-María  O'Brien ")).containsExactly("jose", "maria", "o", "brien");
		assertThat(index.tokensOfName("Anna")).hasSize(2); // anna, ann
		assertThat(index.tokensOfTerm("ANN")).containsExactlyElementsOf(index.tokensOfTerm("ann"));
	}

	@Test
	void accountsWithoutTheIndexAreFilledInOnceEvenByTwoNodesAtOnceAndACorrectionReplacesTheTokens() throws Exception {
		// six random letters: a UUID's letters alone were sometimes fewer than six
		String surname = "Wq" + eu.pledge.testing.People.letters(6);
		AccountId id = register("Grace " + surname);
		assertThat(found(surname)).containsExactly(id);
		long tokens = jdbc.sql("SELECT COUNT(*) FROM account_name_tokens WHERE account_id = :id").param("id", id.value())
				.query(Long.class).single();
		// as if registered before the index existed
		jdbc.sql("DELETE FROM account_name_tokens WHERE account_id = :id").param("id", id.value()).update();
		jdbc.sql("UPDATE accounts SET name_indexed = FALSE WHERE id = :id").param("id", id.value()).update();
		assertThat(found(surname)).isEmpty();

		assertThat(AtOnce.times(2, index::backfill)).as("accounts indexed by the two runs").containsExactlyInAnyOrder(0, 1);
		assertThat(found(surname)).containsExactly(id);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM account_name_tokens WHERE account_id = :id").param("id", id.value())
				.query(Long.class).single()).isEqualTo(tokens);
		assertThat(index.backfill()).as("nothing left to do").isZero();

		String other = "Wz" + eu.pledge.testing.People.letters(6);
		accounts.correctProfile(id, "Grace " + other, new PostalAddress("Street 1", "1000", "Brussels", "BE"));
		assertThat(found(surname)).isEmpty();
		assertThat(found(other)).containsExactly(id);
	}

	private AccountId register(String name) {
		var client = client();
		String email = randomEmail();
		Map<String, Object> registration = new java.util.HashMap<>(People.registration(email));
		registration.put("name", name);
		assertThat(client.post("/api/v1/accounts", registration).status()).isEqualTo(201);
		return directory.search(email, null).accounts().get(0).id();
	}

	private List<AccountId> found(String term) {
		return directory.search(term, null).accounts().stream().map(AccountSummary::id).toList();
	}
}
