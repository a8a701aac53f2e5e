package eu.pledge.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.People;
import eu.pledge.testing.SoftPasskey;

/**
 * With administrators held to two-step sign-in, a passkey asked for after the password counts as the second factor,
 * as an authenticator app does, and the console shows which sign-in methods an account has.
 */
@TestPropertySource(properties = { "pledge.passkeys.extra-origins=" + PasskeyTests.ORIGIN,
		"pledge.accounts.admin-two-step-required=true" })
class AdministratorPasskeyTests extends HttpTest {

	@Autowired
	JdbcClient jdbc;

	@Test
	void aPasskeyOpensTheConsoleToAnAdministratorWithoutAnAuthenticatorApp() {
		ApiClient admin = client();
		String email = signedInAccount(admin);
		String id = admin.get("/api/v1/me").json().get("id").asString();
		jdbc.sql("UPDATE accounts SET roles = 'ADMIN' WHERE id = :id").param("id", UUID.fromString(id)).update();
		admin.forgetCookies();
		People.signIn(admin, email, People.PASSWORD);
		assertThat(admin.get("/api/v1/admin/accounts").status()).as("no second factor yet").isEqualTo(403);

		ApiClient.Response added = PasskeyTests.add(admin, SoftPasskey.create(), "Security key", PasskeyTests.ORIGIN);
		assertThat(added.status()).as(added.body()).isEqualTo(302);

		assertThat(admin.get("/api/v1/admin/accounts").status()).isEqualTo(200);
		ApiClient.Response account = admin.get("/api/v1/admin/accounts?q=" + email);
		assertThat(account.json().get("accounts").get(0).get("methods").toString()).contains("passkey", "password");
		assertThat(admin.send("GET", "/admin/accounts/" + id, null, Map.of("Accept", "text/html")).body())
				.contains("Sign-in methods").contains("passkey");
	}
}
