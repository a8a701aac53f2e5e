package eu.pledge.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import eu.pledge.accounts.AccountDisabled;
import eu.pledge.shared.AccountId;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.AtOnce;
import eu.pledge.testing.People;
import tools.jackson.databind.JsonNode;

/** The console's "People": finding accounts without plaintext in the database, and what an administrator does to one. */
class AccountConsoleTests extends AccessFixture {

	private Person named(String name) {
		ApiClient client = client();
		String email = randomEmail();
		Map<String, Object> registration = new java.util.HashMap<>(People.registration(email));
		registration.put("name", name);
		assertThat(client.post("/api/v1/accounts", registration).status()).isEqualTo(201);
		People.verify(client, mailbox, email);
		assertThat(People.signIn(client, email, People.PASSWORD).status()).isEqualTo(200);
		return new Person(client, email, AccountId.of(client.get("/api/v1/me").json().get("id").asString()));
	}

	private static String word() {
		return "Q" + eu.pledge.testing.People.letters(6) + "x"; // a UUID's letters a-f were fewer than six now and then
	}

	@Test
	void findsAPersonByEmailOrByWordsOfTheNameWithoutTheNameInTheDatabase() {
		ApiClient admin = admin();
		String surname = word();
		Person person = named("Zoë " + surname);

		JsonNode byEmail = admin.get("/api/v1/admin/accounts?q=" + person.email().toUpperCase()).json();
		assertThat(byEmail.get("accounts")).hasSize(1);
		JsonNode row = byEmail.get("accounts").get(0);
		assertThat(row.get("id").asString()).isEqualTo(person.id().toString());
		assertThat(row.get("name").asString()).isEqualTo("Zoë " + surname);
		assertThat(row.get("email").asString()).isEqualTo(person.email());
		assertThat(row.get("verified").asBoolean()).isTrue();
		assertThat(row.get("disabled").asBoolean()).isFalse();
		assertThat(row.get("lastSignIn").isNull()).isFalse();

		// accents and case do not matter; a beginning of three letters finds the word
		for (String term : List.of("zoe " + surname, surname.toLowerCase(), surname.substring(0, 3) + " ZOE")) {
			JsonNode found = admin.get("/api/v1/admin/accounts?q=" + java.net.URLEncoder.encode(term,
					java.nio.charset.StandardCharsets.UTF_8)).json().get("accounts");
			assertThat(found.findValuesAsString("id")).as(term).contains(person.id().toString());
		}
		assertThat(admin.get("/api/v1/admin/accounts?q=" + surname + "+nobody").json().get("accounts")).isEmpty();

		List<String> tokens = jdbc.sql("SELECT token FROM account_name_tokens WHERE account_id = :id")
				.param("id", person.id().value()).query(String.class).list();
		assertThat(tokens).hasSizeGreaterThan(2).noneMatch(token -> token.toLowerCase().contains(surname.toLowerCase()));
	}

	@Test
	void pagesWithACursorAndRefusesBadInputPlainly() {
		ApiClient admin = admin();
		String surname = word();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 27; i++) {
			ApiClient client = client();
			Map<String, Object> registration = new java.util.HashMap<>(People.registration(randomEmail()));
			registration.put("name", "Page " + surname);
			assertThat(client.post("/api/v1/accounts", registration).status()).isEqualTo(201);
		}
		JsonNode first = admin.get("/api/v1/admin/accounts?q=" + surname).json();
		assertThat(first.get("accounts")).hasSize(25);
		JsonNode second = admin.get("/api/v1/admin/accounts?q=" + surname + "&cursor=" + first.get("next").asString()).json();
		assertThat(second.get("accounts")).hasSize(2);
		assertThat(second.path("next").isMissingNode() || second.get("next").isNull()).isTrue();
		first.get("accounts").forEach(row -> ids.add(row.get("id").asString()));
		second.get("accounts").forEach(row -> ids.add(row.get("id").asString()));
		assertThat(ids).doesNotHaveDuplicates().hasSize(27);

		ApiClient.Response badCursor = admin.get("/api/v1/admin/accounts?q=x&cursor=nope");
		assertThat(badCursor.status()).isEqualTo(400);
		assertThat(badCursor.body()).contains("page link is not valid");
		assertThat(admin.get("/api/v1/admin/accounts?q=%21%21").status()).isEqualTo(400);
		assertThat(admin.get("/api/v1/admin/accounts/not-an-id").status()).isEqualTo(404);
		assertThat(admin.get("/api/v1/admin/accounts/" + UUID.randomUUID()).status()).isEqualTo(404);
		assertThat(person().client().get("/api/v1/admin/accounts?q=" + surname).status()).isEqualTo(403);
	}

	@Test
	void aDisabledAccountCannotSignInItsSessionsEndAndThePersonIsToldFortyAtOnceDisableOnce() throws Exception {
		ApiClient admin = admin();
		String organization = organization(admin);
		contract(admin, organization, 5, clock.instant().minus(1, ChronoUnit.DAYS), clock.instant().plus(30, ChronoUnit.DAYS),
				Map.of("crm", "editor"));
		Person person = member(admin, organization, "MEMBER");
		assertThat(access.effectiveAccess(person.id())).isNotEmpty();
		int before = recordedEvents.of(AccountDisabled.class).size();

		List<Integer> statuses = AtOnce.times(40, () -> admin.post("/api/v1/admin/accounts/" + person.id() + "/disable", null).status());
		assertThat(statuses).containsOnly(204);
		assertThat(recordedEvents.of(AccountDisabled.class).size() - before).isEqualTo(1);

		assertThat(person.client().get("/api/v1/me").status()).as("the session ended at once").isEqualTo(401);
		assertThat(People.signIn(client(), person.email(), People.PASSWORD).status()).isEqualTo(401);
		assertThat(access.effectiveAccess(person.id())).as("no single sign-on either").isEmpty();
		mailbox.await(person.email(), "Your Pledge account was disabled");
		long mails = mailbox.count(person.email());
		client().post("/api/v1/password-reset", Map.of("email", person.email()));
		assertThat(mailbox.count(person.email())).as("no reset link for a disabled account").isEqualTo(mails);
		assertThat(admin.get("/api/v1/admin/accounts/" + person.id()).json().get("account").get("disabled").asBoolean()).isTrue();

		assertThat(admin.post("/api/v1/admin/accounts/" + person.id() + "/enable", null).status()).isEqualTo(204);
		mailbox.await(person.email(), "Your Pledge account was enabled again");
		assertThat(People.signIn(client(), person.email(), People.PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void anAdministratorCanEndOneSessionOrAllOfThem() {
		ApiClient admin = admin();
		Person person = person();
		ApiClient laptop = client();
		People.signIn(laptop, person.email(), People.PASSWORD);
		JsonNode sessions = admin.get("/api/v1/admin/accounts/" + person.id()).json().get("sessions");
		assertThat(sessions).hasSize(2);
		assertThat(sessions.toString()).doesNotContain(person.client().cookies().values().iterator().next());

		assertThat(admin.delete("/api/v1/admin/accounts/" + person.id() + "/sessions/" + sessions.get(0).get("handle").asString())
				.status()).isEqualTo(204);
		assertThat(admin.delete("/api/v1/admin/accounts/" + person.id() + "/sessions/" + sessions.get(0).get("handle").asString())
				.status()).isEqualTo(404);
		assertThat(admin.delete("/api/v1/admin/accounts/" + person.id() + "/sessions").json().get("ended").asInt()).isEqualTo(1);
		assertThat(person.client().get("/api/v1/me").status()).isEqualTo(401);
		assertThat(laptop.get("/api/v1/me").status()).isEqualTo(401);
	}

	@Test
	void resettingTwoStepSignInNeedsTheAdministratorsOwnPasswordAndTellsThePerson() {
		ApiClient admin = admin();
		Person person = person();
		String secret = person.client().post("/api/v1/me/totp", null).json().get("secret").asString();
		assertThat(person.client().post("/api/v1/me/totp/confirmation",
				Map.of("code", eu.pledge.accounts.TotpCodes.code(secret, clock.instant(), 0))).status()).isEqualTo(200);

		ApiClient.Response wrong = admin.post("/api/v1/admin/accounts/" + person.id() + "/two-step-reset",
				Map.of("password", "not my password at all"));
		assertThat(wrong.status()).isEqualTo(400);
		assertThat(wrong.body()).contains("Your password is not correct");
		assertThat(admin.post("/api/v1/admin/accounts/" + person.id() + "/two-step-reset", Map.of()).status()).isEqualTo(400);
		assertThat(People.signIn(client(), person.email(), People.PASSWORD).status()).as("still asks for the code")
				.isNotEqualTo(200);

		assertThat(admin.post("/api/v1/admin/accounts/" + person.id() + "/two-step-reset",
				Map.of("password", People.PASSWORD)).status()).isEqualTo(204);
		mailbox.await(person.email(), "Two-step sign-in was turned off by an administrator");
		assertThat(People.signIn(client(), person.email(), People.PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void disabledBetweenThePasswordAndTheCodeTheCodeDoesNotLetThePersonIn() {
		ApiClient admin = admin();
		Person person = person();
		String secret = person.client().post("/api/v1/me/totp", null).json().get("secret").asString();
		person.client().post("/api/v1/me/totp/confirmation", Map.of("code", eu.pledge.accounts.TotpCodes.code(secret, clock.instant(), 0)));
		ApiClient browser = client();
		Map<String, String> html = Map.of("Accept", "text/html");
		ApiClient.Response password = form(browser, "/login", "/login",
				"email=" + java.net.URLEncoder.encode(person.email(), java.nio.charset.StandardCharsets.UTF_8)
						+ "&password=" + java.net.URLEncoder.encode(People.PASSWORD, java.nio.charset.StandardCharsets.UTF_8));
		assertThat(password.header("Location")).endsWith("/login/second-factor");

		assertThat(admin.post("/api/v1/admin/accounts/" + person.id() + "/disable", null).status()).isEqualTo(204);
		form(browser, "/login/second-factor", "/login/second-factor",
				"code=" + eu.pledge.accounts.TotpCodes.code(secret, clock.instant(), 1));
		assertThat(browser.send("GET", "/api/v1/me", null, Map.of()).status()).isEqualTo(401);
		assertThat(browser.send("GET", "/account", null, html).status()).isEqualTo(302);
	}

	private static ApiClient.Response form(ApiClient client, String page, String action, String fields) {
		java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
				.matcher(client.send("GET", page, null, Map.of("Accept", "text/html")).body());
		assertThat(csrf.find()).isTrue();
		return client.send("POST", action, fields + "&_csrf=" + java.net.URLEncoder.encode(csrf.group(1),
				java.nio.charset.StandardCharsets.UTF_8), Map.of("Content-Type", "application/x-www-form-urlencoded",
						"Accept", "text/html"));
	}

	@Test
	void everyLookAtAPersonIsAuditedAndShowsInTheirOwnActivity() {
		ApiClient admin = admin();
		Person person = person();
		assertThat(admin.get("/api/v1/admin/accounts/" + person.id()).status()).isEqualTo(200);
		assertThat(admin.get("/api/v1/admin/accounts?q=" + person.email()).status()).isEqualTo(200);
		JsonNode mine = person.client().get("/api/v1/me/audit?action=account.viewed-by-administrator").json();
		assertThat(mine.toString()).contains("account.viewed-by-administrator");
		assertThat(mine.findValues("action")).hasSizeGreaterThanOrEqualTo(2);
		String page = admin.get("/admin/accounts/" + person.id()).body();
		assertThat(page).contains(person.email()).contains("End all sessions").doesNotContain("null");
		String list = admin.get("/admin/accounts?q=" + person.email()).body();
		assertThat(list).contains(person.email()).contains("verified");
	}

	@Test
	void fortyResendsOfTheVerificationLinkAtOnceMailOneLink() throws Exception {
		ApiClient admin = admin();
		String email = randomEmail();
		ApiClient stranger = client();
		assertThat(stranger.post("/api/v1/accounts", eu.pledge.testing.People.registration(email)).status()).isEqualTo(201);
		mailbox.await(email, "Confirm your email address");
		long before = mailbox.count(email);
		clock.set(clock.instant().plusSeconds(120)); // past the one-a-minute pause after the registration's own mail
		String id = admin.get("/api/v1/admin/accounts?q=" + email).json().get("accounts").get(0).get("id").asString();
		List<Integer> statuses = AtOnce.times(40, () -> admin.post("/api/v1/admin/accounts/" + id + "/verification", null).status());
		assertThat(statuses).containsOnly(204, 429).containsOnlyOnce(204);
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> mailbox.count(email) == before + 1);
		Thread.sleep(500);
		assertThat(mailbox.count(email)).isEqualTo(before + 1);
	}
}
