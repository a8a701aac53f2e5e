package eu.pledge.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;


import jakarta.mail.internet.MimeMessage;

import eu.pledge.sessions.SessionTermination;
import eu.pledge.shared.AccountId;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.People;
import tools.jackson.databind.JsonNode;

/**
 * The account-side responses, each put in force by a rule reaching its threshold: an alert to the security
 * recipients (throttled to three mails and one digest), ended sessions (by account and by session), and a step-up
 * that asks an account without an authenticator for a mailed code until it lapses.
 */
@TestPropertySource(properties = { "pledge.patrol.alerts.recipients=security@patrol-responses.example",
		"pledge.patrol.alerts.max=3", "pledge.patrol.alerts.window=10m",
		"pledge.patrol.rules.alerting.points=honeytrap", "pledge.patrol.rules.alerting.key=address",
		"pledge.patrol.rules.alerting.threshold=1", "pledge.patrol.rules.alerting.window=1h",
		"pledge.patrol.rules.alerting.responses=alert",
		"pledge.patrol.rules.probing-account.points=access-denied", "pledge.patrol.rules.probing-account.key=account",
		"pledge.patrol.rules.probing-account.threshold=3", "pledge.patrol.rules.probing-account.window=10m",
		"pledge.patrol.rules.probing-account.responses=end-sessions",
		"pledge.patrol.rules.session-abuse.points=second-factor-failed", "pledge.patrol.rules.session-abuse.key=session",
		"pledge.patrol.rules.session-abuse.threshold=2", "pledge.patrol.rules.session-abuse.window=10m",
		"pledge.patrol.rules.session-abuse.responses=end-sessions",
		"pledge.patrol.rules.account-attacked.points=sign-in-failed", "pledge.patrol.rules.account-attacked.threshold=3",
		"pledge.patrol.rules.account-attacked.responses=require-second-factor",
		"pledge.patrol.rules.session-hijack.responses=end-sessions" })
class PatrolResponsesTests extends HttpTest {

	private static final String SECURITY = "security@patrol-responses.example";
	private static final String SESSION_COOKIE = "__Host-pledge-session";
	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Alerter alerter;

	@Autowired
	Patrol patrol;

	@Test
	void fortyAttacksAtOnceMailThreeAlertsAndOneDigestWhenTheWindowEnds() throws Exception {
		List<String> addresses = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			addresses.add("198.19." + (200 + i / 250) + "." + (1 + i % 250));
		}
		eu.pledge.testing.AtOnce.run(addresses.size(), i -> () -> new ApiClient(port).from(addresses.get(i))
				.get("/.env").status());
		await().atMost(WAIT).until(() -> jdbc.sql("SELECT COUNT(*) FROM patrol_offenders WHERE rule = 'alerting'")
				.query(Long.class).single() == 40);

		await().atMost(WAIT).until(() -> mailbox.count(SECURITY) >= 3);
		assertThat(subjects()).hasSize(3).allMatch(s -> s.startsWith("[Secure Patrol] Rule alerting answered attack #1"));
		assertThat(mailbox.await(SECURITY, "Rule alerting")).contains("/admin/patrol").contains("rule alerting")
				.contains("1 detections within 1h");

		clock.advance(Duration.ofMinutes(10).plusSeconds(1));
		alerter.sendDigests();
		alerter.sendDigests(); // a second node asking at the same time finds nothing left
		await().atMost(WAIT).until(() -> mailbox.count(SECURITY) >= 4);
		String digest = mailbox.await(SECURITY, "Digest");
		assertThat(digest).contains("37 more attacks");
		await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> mailbox.count(SECURITY) == 4);
		assertThat(subjects()).filteredOn(s -> s.contains("Digest: 37 more attacks answered")).hasSize(1);
		for (MimeMessage message : SMTP.getReceivedMessages()) {
			if (message.getAllRecipients()[0].toString().equals(SECURITY)) {
				String text = message.getSubject() + eu.pledge.testing.Mailbox.text(message);
				assertThat(addresses).noneMatch(text::contains); // neither subject nor body names an address
			}
		}
	}

	@Test
	void anAccountProbingForbiddenRoutesIsSignedOutEverywhereAndMailed() {
		ApiClient laptop = client();
		String email = signedInAccount(laptop);
		ApiClient phone = client();
		People.signIn(phone, email, People.PASSWORD);
		assertThat(phone.get("/api/v1/me").status()).isEqualTo(200);

		for (int i = 0; i < 3; i++) {
			assertThat(laptop.get("/api/v1/admin/organizations").status()).isIn(403, 404);
		}
		assertThat(mailbox.await(email, "We ended your Pledge sessions")).contains("of all your sessions (2)")
				.contains("change your password");
		assertThat(phone.get("/api/v1/me").status()).isEqualTo(401);
		assertThat(laptop.get("/api/v1/me").status()).isEqualTo(401);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE action = 'session.ended' AND detail LIKE '%PATROL%'")
				.query(Long.class).single()).isGreaterThanOrEqualTo(2);
		People.signIn(phone, email, People.PASSWORD); // not a lockout
		assertThat(phone.get("/api/v1/me").status()).isEqualTo(200);
	}

	@Test
	void aRuleKeyedBySessionEndsThatSessionOnly() {
		ApiClient laptop = client();
		String email = signedInAccount(laptop);
		ApiClient phone = client();
		People.signIn(phone, email, People.PASSWORD);
		AccountId account = AccountId.of(laptop.get("/api/v1/me").json().get("id").asString());
		String pseudonym = SessionTermination.pseudonym(laptop.cookies().get(SESSION_COOKIE));

		for (int i = 0; i < 2; i++) {
			patrol.report(new Detection(Point.SECOND_FACTOR_FAILED, laptop.address(), account, Detection.PLEDGE, null,
					clock.instant(), pseudonym));
		}
		assertThat(mailbox.await(email, "We ended your Pledge sessions")).contains("of one session");
		await().atMost(WAIT).until(() -> laptop.get("/api/v1/me").status() == 401);
		assertThat(phone.get("/api/v1/me").status()).isEqualTo(200);
	}

	@Test
	void aSessionTakenToAnotherAddressAndBrowserEndsAndThePersonIsTold() {
		ApiClient laptop = client().userAgent("Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0");
		String email = signedInAccount(laptop);
		ApiClient phone = client();
		People.signIn(phone, email, People.PASSWORD);
		assertThat(laptop.get("/api/v1/me").status()).isEqualTo(200);
		// moving house with the same browser, or a new browser at the same place, is no theft
		laptop.from(randomAddress());
		assertThat(laptop.get("/api/v1/me").status()).isEqualTo(200);

		ApiClient thief = new ApiClient(port).from(randomAddress()).userAgent("curl/8.5.0");
		thief.cookies().putAll(laptop.cookies());
		thief.get("/api/v1/me");
		assertThat(mailbox.await(email, "We ended your Pledge sessions")).contains("of one session");
		await().atMost(WAIT).until(() -> thief.get("/api/v1/me").status() == 401);
		assertThat(laptop.get("/api/v1/me").status()).isEqualTo(401);
		assertThat(phone.get("/api/v1/me").status()).as("the person's other sessions go on").isEqualTo(200);
	}

	@Test
	void anAttackedAccountSignsInWithAMailedCodeUntilTheStepUpLapses() {
		ApiClient person = client();
		String email = randomEmail();
		People.registerAndVerify(person, mailbox, email);
		ApiClient attacker = client();
		for (int i = 0; i < 3; i++) {
			attacker.post("/api/v1/session", Map.of("email", email, "password", "guess " + i));
		}
		assertThat(mailbox.await(email, "Your next sign-ins need a second step")).contains("Until ");

		ApiClient.Response asked = People.signIn(person, email, People.PASSWORD);
		assertThat(asked.status()).isEqualTo(401);
		assertThat(asked.json().get("mailedCode").asBoolean()).isTrue();
		assertThat(person.get("/api/v1/me").status()).isEqualTo(401);
		String code = code(mailbox.await(email, "Your Pledge sign-in code"));
		assertThat(person.post("/api/v1/session", Map.of("email", email, "password", People.PASSWORD, "totp", code))
				.status()).isEqualTo(200);
		assertThat(person.get("/api/v1/me").status()).isEqualTo(200);
		ApiClient thief = client(); // knows the password and has seen the code: it was used already
		assertThat(thief.post("/api/v1/session", Map.of("email", email, "password", People.PASSWORD, "totp", code))
				.status()).isEqualTo(401);

		clock.advance(Duration.ofHours(24).plusMinutes(1));
		ApiClient later = client();
		assertThat(People.signIn(later, email, People.PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void theSignInFormAsksForTheMailedCodeDuringAStepUp() {
		String email = randomEmail();
		People.registerAndVerify(client(), mailbox, email);
		ApiClient attacker = client();
		for (int i = 0; i < 3; i++) {
			attacker.post("/api/v1/session", Map.of("email", email, "password", "guess " + i));
		}
		mailbox.await(email, "Your next sign-ins need a second step");

		ApiClient browser = client();
		ApiClient.Response login = form(browser, "/login", "/login", "email=" + encode(email) + "&password="
				+ encode(People.PASSWORD));
		assertThat(login.status()).isEqualTo(302);
		assertThat(login.header("Location")).endsWith("/login/second-factor");
		assertThat(browser.send("GET", "/login/second-factor", null, Map.of("Accept", "text/html")).body())
				.contains("Code we mailed you").doesNotContain("authenticator app");
		String code = code(mailbox.await(email, "Your Pledge sign-in code"));
		ApiClient.Response wrong = form(browser, "/login/second-factor", "/login/second-factor",
				"code=" + (code.equals("000000") ? "111111" : "000000"));
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.body()).contains("the code in the newest mail we sent you");
		ApiClient.Response right = form(browser, "/login/second-factor", "/login/second-factor", "code=" + code);
		assertThat(right.status()).isEqualTo(302);
		assertThat(browser.get("/api/v1/me").status()).isEqualTo(200);
	}

	@Test
	void thePersonSeesTheStepUpAndWhatBroughtItAndErasureRemovesBoth() {
		ApiClient person = client();
		String email = randomEmail();
		People.registerAndVerify(person, mailbox, email);
		ApiClient attacker = client();
		for (int i = 0; i < 3; i++) {
			attacker.post("/api/v1/session", Map.of("email", email, "password", "guess " + i));
		}
		mailbox.await(email, "Your next sign-ins need a second step");
		People.signIn(person, email, People.PASSWORD);
		String code = code(mailbox.await(email, "Your Pledge sign-in code"));
		person.post("/api/v1/session", Map.of("email", email, "password", People.PASSWORD, "totp", code));
		String account = person.get("/api/v1/me").json().get("id").asString();

		JsonNode held = person.get("/api/v1/me/data").json();
		JsonNode stepUp = item(held, "sign-in-step-up");
		assertThat(stepUp.get("data").get("askedBy").asString()).isEqualTo("patrol:account-attacked");
		assertThat(stepUp.get("data").get("until").asString()).isNotBlank();
		JsonNode escalation = item(held, "patrol-escalation");
		assertThat(escalation.get("data").get("rule").asString()).isEqualTo("account-attacked");
		assertThat(escalation.get("data").get("responses").get(0).asString()).isEqualTo("require-second-factor");

		ApiClient.Response erased = person.post("/api/v1/me/erasure", Map.of("password", People.PASSWORD));
		assertThat(erased.status()).as(erased.body()).isEqualTo(204);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM sessions_step_ups WHERE account_id = :a").param("a", account)
				.query(Long.class).single()).isZero();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM patrol_offenders WHERE key_value = :a").param("a", account)
				.query(Long.class).single()).isZero();
	}

	@Test
	void fortySignInsWithTheSameMailedCodeSignInOnce() throws Exception {
		String email = randomEmail();
		People.registerAndVerify(client(), mailbox, email);
		ApiClient attacker = client();
		for (int i = 0; i < 3; i++) {
			attacker.post("/api/v1/session", Map.of("email", email, "password", "guess " + i));
		}
		mailbox.await(email, "Your next sign-ins need a second step");
		assertThat(People.signIn(client(), email, People.PASSWORD).status()).isEqualTo(401);
		String code = code(mailbox.await(email, "Your Pledge sign-in code"));

		List<Integer> statuses = eu.pledge.testing.AtOnce.run(40, i -> () -> client().post("/api/v1/session",
				Map.of("email", email, "password", People.PASSWORD, "totp", code)).status());
		assertThat(statuses.stream().filter(status -> status == 200)).hasSize(1);
	}

	private List<String> subjects() throws Exception {
		List<String> subjects = new ArrayList<>();
		for (MimeMessage message : SMTP.getReceivedMessages()) {
			if (message.getAllRecipients()[0].toString().equals(SECURITY)) {
				subjects.add(message.getSubject());
			}
		}
		return subjects;
	}

	/** Posts a form the way a browser does: with the CSRF token of the page it came from. */
	private static ApiClient.Response form(ApiClient browser, String page, String action, String fields) {
		Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
				.matcher(browser.send("GET", page, null, Map.of("Accept", "text/html")).body());
		assertThat(token.find()).as("a CSRF token on " + page).isTrue();
		return browser.send("POST", action, "_csrf=" + encode(token.group(1)) + "&" + fields,
				Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"));
	}

	private static String encode(String value) {
		return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
	}

	private static JsonNode item(JsonNode held, String kind) {
		for (JsonNode category : held.get("categories")) {
			for (JsonNode item : category.get("items")) {
				if (item.get("kind").asString().equals(kind)) {
					return item;
				}
			}
		}
		throw new AssertionError("no " + kind + " in " + held);
	}

	private static String code(String mail) {
		Matcher matcher = Pattern.compile("\\b(\\d{6})\\b").matcher(mail);
		assertThat(matcher.find()).as("a six-digit code in the mail").isTrue();
		return matcher.group(1);
	}
}
