package eu.pledge.accounts;

import static eu.pledge.testing.People.PASSWORD;
import static eu.pledge.testing.People.registerAndVerify;
import static eu.pledge.testing.People.registration;
import static eu.pledge.testing.People.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;

/** The accounts API as a person and a client program meet it: over HTTP, with mail over SMTP. */
class AccountsApiTests extends HttpTest {

	@Test
	void aPasswordResetWorksOnceAndEndsEverySession() {
		ApiClient laptop = client();
		String email = signedInAccount(laptop);
		assertThat(laptop.get("/api/v1/me").status()).isEqualTo(200);

		ApiClient stranger = client();
		assertThat(stranger.post("/api/v1/password-reset", Map.of("email", email)).status()).isEqualTo(202);
		String token = mailbox.token(email, "Reset your password");
		assertThat(stranger.post("/api/v1/password-reset/confirmation", Map.of("token", token, "password", "short")).status())
				.isEqualTo(400);
		String newPassword = "a brand new passphrase 42";
		assertThat(stranger.post("/api/v1/password-reset/confirmation", Map.of("token", token, "password", newPassword)).status())
				.isEqualTo(204);
		assertThat(stranger.post("/api/v1/password-reset/confirmation", Map.of("token", token, "password", "yet another passphrase")).status())
				.isEqualTo(400);

		assertThat(laptop.get("/api/v1/me").status()).isEqualTo(401);
		assertThat(signIn(client(), email, PASSWORD).status()).isEqualTo(401);
		assertThat(signIn(client(), email, newPassword).status()).isEqualTo(200);
	}

	@Test
	void resetLinksAreMailedAtMostOnceAMinute() {
		String email = randomEmail();
		registerAndVerify(client(), mailbox, email);
		for (int i = 0; i < 5; i++) {
			assertThat(client().post("/api/v1/password-reset", Map.of("email", email)).status()).isEqualTo(202);
		}
		mailbox.await(email, "Reset your password");
		long mails = mailbox.count(email);
		clock.advance(java.time.Duration.ofSeconds(61));
		client().post("/api/v1/password-reset", Map.of("email", email));
		org.awaitility.Awaitility.await().until(() -> mailbox.count(email) == mails + 1);
		assertThat(mails).as("verification + one reset").isEqualTo(2);
	}

	@Test
	void aResetForAnUnknownAddressAnswersTheSameAndMailsNothing() {
		String email = randomEmail();
		ApiClient.Response response = client().post("/api/v1/password-reset", Map.of("email", email));
		assertThat(response.status()).isEqualTo(202);
		assertThat(mailbox.count(email)).isZero();
	}

	@Test
	void anEmailChangeTakesEffectOnlyOnceTheNewAddressIsConfirmedAndTheOldOneIsTold() {
		String oldEmail = randomEmail();
		String newEmail = randomEmail();
		ApiClient client = client();
		registerAndVerify(client, mailbox, oldEmail);
		signIn(client, oldEmail, PASSWORD);

		assertThat(client.post("/api/v1/me/email", Map.of("email", newEmail, "currentPassword", "wrong password here")).status())
				.isEqualTo(400);
		assertThat(client.post("/api/v1/me/email", Map.of("email", newEmail, "currentPassword", PASSWORD)).status()).isEqualTo(202);
		mailbox.await(oldEmail, "Your email address is about to change");
		assertThat(client.get("/api/v1/me").json().get("email").asString()).isEqualTo(oldEmail);

		String token = mailbox.token(newEmail, "Confirm your new email address");
		assertThat(client.post("/api/v1/me/email/confirmation", Map.of("token", token)).status()).isEqualTo(204);
		mailbox.await(oldEmail, "Your email address was changed");
		assertThat(client.get("/api/v1/me").json().get("email").asString()).isEqualTo(newEmail);
		assertThat(signIn(client(), oldEmail, PASSWORD).status()).isEqualTo(401);
		assertThat(signIn(client(), newEmail, PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void changingThePasswordNeedsTheCurrentOneAndEndsTheOtherSessions() {
		ApiClient here = client();
		String email = signedInAccount(here);
		ApiClient elsewhere = client();
		signIn(elsewhere, email, PASSWORD);

		ApiClient.Response wrong = here.post("/api/v1/me/password", Map.of("currentPassword", "not my password", "newPassword", "another good passphrase"));
		assertThat(wrong.status()).isEqualTo(400);
		assertThat(wrong.json().get("errors").get(0).get("field").asString()).isEqualTo("currentPassword");
		ApiClient.Response same = here.post("/api/v1/me/password", Map.of("currentPassword", PASSWORD, "newPassword", PASSWORD));
		assertThat(same.status()).isEqualTo(400);
		assertThat(same.body()).contains("newPassword", "This is already your password.");
		assertThat(elsewhere.get("/api/v1/me").status()).as("nothing changed").isEqualTo(200);

		String before = here.cookies().get("__Host-pledge-session");
		assertThat(here.post("/api/v1/me/password", Map.of("currentPassword", PASSWORD, "newPassword", "another good passphrase")).status())
				.isEqualTo(204);
		assertThat(here.cookies().get("__Host-pledge-session")).as("new session id after a privilege change").isNotEqualTo(before);
		mailbox.await(email, "Your password was changed");
		assertThat(here.get("/api/v1/me").status()).isEqualTo(200);
		assertThat(elsewhere.get("/api/v1/me").status()).isEqualTo(401);
	}

	@Test
	void theProfileCanBeCorrected() {
		ApiClient client = client();
		String email = signedInAccount(client);

		ApiClient.Response corrected = client.patch("/api/v1/me", Map.of("name", "Ada King", "address",
				Map.of("street", "St James's Square 12", "postalCode", "SW1Y 4JH", "city", "London", "country", "GB")));
		assertThat(corrected.status()).isEqualTo(200);
		ApiClient.Response me = client.get("/api/v1/me");
		assertThat(me.json().get("name").asString()).isEqualTo("Ada King");
		assertThat(me.json().get("address").get("postalCode").asString()).isEqualTo("SW1Y 4JH");

		ApiClient.Response invalid = client.patch("/api/v1/me", Map.of("address", Map.of("street", "", "postalCode", "1", "city", "X", "country", "BE")));
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.json().get("errors").get(0).get("field").asString()).isEqualTo("address.street");
	}

	@Test
	void registeringATakenAddressLooksTheSameAndTellsTheOwner() {
		String email = randomEmail();
		registerAndVerify(client(), mailbox, email);
		ApiClient.Response again = client().post("/api/v1/accounts", registration(email));
		assertThat(again.status()).isEqualTo(201);
		mailbox.await(email, "Someone tried to register with your email address");
	}

	@Test
	void registrationNamesEveryFieldAtFault() {
		Map<String, Object> body = new HashMap<>(registration("not-an-email"));
		ApiClient.Response badEmail = client().post("/api/v1/accounts", body);
		assertThat(badEmail.status()).isEqualTo(400);
		assertThat(badEmail.header("Content-Type")).contains("application/problem+json");
		assertThat(badEmail.json().get("errors").get(0).get("field").asString()).isEqualTo("email");

		body = new HashMap<>(registration(randomEmail()));
		body.put("password", "1q2w3e4r5t6y");
		ApiClient.Response common = client().post("/api/v1/accounts", body);
		assertThat(common.status()).isEqualTo(400);
		assertThat(common.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
		assertThat(common.json().get("detail").asString()).contains("most common");

		body.put("password", "x".repeat(257));
		assertThat(client().post("/api/v1/accounts", body).status()).isEqualTo(400);

		body.remove("address");
		ApiClient.Response noAddress = client().post("/api/v1/accounts", body);
		assertThat(noAddress.status()).isEqualTo(400);
		assertThat(noAddress.json().get("errors").toString()).contains("address");
	}

	@Test
	void malformedAndOversizedBodiesGetClearAnswersNotErrors() {
		ApiClient.Response malformed = client().post("/api/v1/accounts", "{\"name\": ");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.json().get("detail").asString()).contains("not valid JSON");

		ApiClient.Response oversized = client().post("/api/v1/accounts", "{\"name\":\"" + "x".repeat(70_000) + "\"}");
		assertThat(oversized.status()).isEqualTo(413);

		ApiClient.Response wrongType = client().send("POST", "/api/v1/accounts", "name=x", Map.of("Content-Type", "text/plain"));
		assertThat(wrongType.status()).isEqualTo(415);
	}

	@Test
	void preferencesAreStoredAndValidated() {
		ApiClient client = client();
		String email = signedInAccount(client);
		assertThat(client.get("/api/v1/me/preferences").json().get("homePage").asString()).isEqualTo("/");

		Map<String, Object> settings = Map.of("homePage", "/account/sessions", "timeZone", "Europe/Brussels");
		assertThat(client.put("/api/v1/me/preferences", settings).status()).isEqualTo(200);
		ApiClient.Response stored = client.get("/api/v1/me/preferences");
		assertThat(stored.json().get("homePage").asString()).isEqualTo("/account/sessions");
		assertThat(stored.json().get("timeZone").asString()).isEqualTo("Europe/Brussels");

		ApiClient.Response offsite = client.put("/api/v1/me/preferences", Map.of("homePage", "//evil.example"));
		assertThat(offsite.status()).isEqualTo(400);
		assertThat(offsite.json().get("errors").get(0).get("field").asString()).isEqualTo("homePage");

		ApiClient.Response nowhere = client.put("/api/v1/me/preferences",
				Map.of("homePage", "/account", "timeZone", "Mars/Olympus_Mons"));
		assertThat(nowhere.status()).as(nowhere.body()).isEqualTo(400);
		assertThat(nowhere.body()).contains("Choose a time zone from the list.");
		assertThat(client.get("/api/v1/me/preferences").json().get("timeZone").asString()).isEqualTo("Europe/Brussels");
	}

	/** Issue 16: the dashboard layout changed nothing and is gone; an older client that still sends it is not refused. */
	@Test
	void anOlderClientsDashboardFieldIsIgnored() {
		ApiClient client = client();
		signedInAccount(client);
		ApiClient.Response older = client.put("/api/v1/me/preferences",
				"{\"homePage\": \"/account/security\", \"dashboard\": {\"columns\": 2, \"widgets\": [\"profile\"]}}");
		assertThat(older.status()).as(older.body()).isEqualTo(200);
		tools.jackson.databind.JsonNode stored = client.get("/api/v1/me/preferences").json();
		assertThat(stored.get("homePage").asString()).isEqualTo("/account/security");
		assertThat(stored.has("dashboard")).isFalse();
	}
}
