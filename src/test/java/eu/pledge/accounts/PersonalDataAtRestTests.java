package eu.pledge.accounts;

import static eu.pledge.testing.People.PASSWORD;
import static eu.pledge.testing.People.registerAndVerify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.Vault;
import eu.pledge.testing.HttpTest;

/** Name, email and address are ciphertext in the database, and destroying the account's key destroys them. */
class PersonalDataAtRestTests extends HttpTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Vault vault;

	@Test
	void theAccountsTableHoldsNoPlaintextIdentity() {
		String email = randomEmail();
		registerAndVerify(client(), mailbox, email);

		List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM accounts").query().listOfRows();
		String everything = rows.toString().toLowerCase();
		assertThat(everything).doesNotContain(email.toLowerCase()).doesNotContain(email.substring(0, email.indexOf('@')))
				.doesNotContain("ada lovelace").doesNotContain("ockham").doesNotContain("brussels");
		assertThat(everything).doesNotContain(PASSWORD);
		String stored = jdbc.sql("SELECT password_hash FROM accounts").query(String.class).list().get(0);
		assertThat(stored).startsWith("$argon2id$");
	}

	@Test
	void destroyingTheDataKeyMakesTheCiphertextUnreadable() {
		String email = randomEmail();
		registerAndVerify(client(), mailbox, email);
		String index = vault.blindIndex(email);
		Map<String, Object> row = jdbc.sql("SELECT id, name, email FROM accounts WHERE email_index = :i").param("i", index)
				.query().singleRow();
		AccountId id = new AccountId((java.util.UUID) row.get("id"));
		assertThat(vault.open(id, "name", (String) row.get("name"))).isEqualTo("Ada Lovelace");

		vault.destroy(id);

		assertThat(vault.hasKey(id)).isFalse();
		assertThatThrownBy(() -> vault.open(id, "name", (String) row.get("name"))).isInstanceOf(Vault.KeyDestroyedException.class);
		assertThatThrownBy(() -> vault.open(id, "email", (String) row.get("email"))).isInstanceOf(Vault.KeyDestroyedException.class);
	}

	@Test
	void aSealedValueCannotBeMovedToAnotherFieldOrAccount() {
		AccountId one = AccountId.random();
		AccountId two = AccountId.random();
		vault.createKey(one);
		vault.createKey(two);
		String sealed = vault.seal(one, "name", "Grace Hopper");
		assertThat(vault.open(one, "name", sealed)).isEqualTo("Grace Hopper");
		assertThatThrownBy(() -> vault.open(one, "email", sealed)).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> vault.open(two, "name", sealed)).isInstanceOf(IllegalStateException.class);
		assertThat(vault.seal(one, "name", "Grace Hopper")).as("random IV").isNotEqualTo(sealed);
	}
}
