package eu.pledge.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import eu.pledge.accounts.TotpCodes;
import eu.pledge.testing.ApiClient;

/** With {@code pledge.accounts.admin-two-step-required} on (the default; the test profile turns it off). */
@TestPropertySource(properties = "pledge.accounts.admin-two-step-required=true")
class AdministratorTwoStepTests extends AccessFixture {

	@Test
	void anAdministratorWithoutASecondFactorIsSentToSetOneUpUntilItIsOn() {
		ApiClient admin = admin();

		ApiClient.Response home = admin.get("/account");
		assertThat(home.status()).isEqualTo(302);
		assertThat(home.header("Location")).endsWith("/account/security");
		assertThat(admin.get("/admin/accounts").header("Location")).endsWith("/account/security");
		ApiClient.Response api = admin.get("/api/v1/admin/accounts");
		assertThat(api.status()).isEqualTo(403);
		assertThat(api.body()).contains("must use two-step sign-in");
		assertThat(admin.get("/account/security").status()).as("the set-up page stays open").isEqualTo(200);

		String secret = admin.post("/api/v1/me/totp", null).json().get("secret").asString();
		assertThat(admin.post("/api/v1/me/totp/confirmation",
				Map.of("code", TotpCodes.code(secret, clock.instant(), 0))).status()).isEqualTo(200);

		assertThat(admin.get("/account").status()).isEqualTo(200);
		assertThat(admin.get("/api/v1/admin/accounts").status()).isEqualTo(200);
	}

	@Test
	void aPersonMadeAdministratorWhileSignedInCannotUseTheConsoleWithoutASecondFactorEither() {
		ApiClient admin = admin();
		String secret = admin.post("/api/v1/me/totp", null).json().get("secret").asString();
		admin.post("/api/v1/me/totp/confirmation", Map.of("code", TotpCodes.code(secret, clock.instant(), 0)));
		Person person = person();

		assertThat(admin.put("/api/v1/admin/accounts/" + person.id() + "/administrator", null).status()).isEqualTo(204);

		assertThat(person.client().get("/api/v1/admin/accounts").status()).isEqualTo(403);
		assertThat(person.client().get("/api/v1/me").status()).as("their own account still works").isEqualTo(200);
	}

	@Test
	void peopleWhoAreNotAdministratorsAreNeverSent() {
		Person person = person();
		assertThat(person.client().get("/account").status()).isEqualTo(200);
	}
}
