package eu.pledge.web;

import static eu.pledge.testing.People.PASSWORD;
import static eu.pledge.testing.People.registerAndVerify;
import static eu.pledge.testing.People.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;

/** The menu's "Administration" group is there for a platform administrator only, on every page. */
class MenuTests extends HttpTest {

	@Autowired
	JdbcClient jdbc;

	private static String page(ApiClient client, String path) {
		ApiClient.Response page = client.send("GET", path, null, Map.of("Accept", "text/html"));
		assertThat(page.status()).isEqualTo(200);
		return page.body();
	}

	@Test
	void onlyAnAdministratorSeesTheAdministrationGroup() {
		ApiClient person = client();
		signedInAccount(person);
		assertThat(page(person, "/")).contains("Signed in as").doesNotContain("id=\"nav-admin\"");
		assertThat(page(person, "/account")).doesNotContain("id=\"nav-admin\"");
		assertThat(page(client(), "/login")).doesNotContain("id=\"nav-admin\"");

		ApiClient administrator = client();
		String email = randomEmail();
		registerAndVerify(administrator, mailbox, email);
		assertThat(signIn(administrator, email, PASSWORD).status()).isEqualTo(200);
		String id = administrator.get("/api/v1/me").json().get("id").asString();
		jdbc.sql("UPDATE accounts SET roles = 'ADMIN' WHERE id = :id").param("id", UUID.fromString(id)).update();
		ApiClient signedInAgain = client(); // the roles are read at sign-in
		assertThat(signIn(signedInAgain, email, PASSWORD).status()).isEqualTo(200);
		assertThat(page(signedInAgain, "/")).contains("id=\"nav-admin\"", ">Administration<");
		assertThat(page(signedInAgain, "/account")).contains("id=\"nav-admin\"");
	}
}
