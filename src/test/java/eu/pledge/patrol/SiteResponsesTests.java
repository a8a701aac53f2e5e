package eu.pledge.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import eu.pledge.protection.Decision;
import eu.pledge.protection.Decisions;
import eu.pledge.protection.Switches;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.AtOnce;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.People;

import tools.jackson.databind.JsonNode;

/**
 * The site-wide responses: a wave of failed sign-ins makes sign-ins from new places answer a question, and a flood
 * switches features off; both lapse, both can be lifted. Two test-only rules keyed by site answer quickly: five
 * failed sign-ins are a wave, one honeytrap request switches registration and the contact form off.
 */
@TestPropertySource(properties = { "pledge.patrol.rules.test-wave.points=sign-in-failed",
		"pledge.patrol.rules.test-wave.key=site", "pledge.patrol.rules.test-wave.threshold=5",
		"pledge.patrol.rules.test-wave.window=1m", "pledge.patrol.rules.test-wave.responses=challenge",
		"pledge.patrol.rules.test-flood.points=honeytrap", "pledge.patrol.rules.test-flood.key=site",
		"pledge.patrol.rules.test-flood.threshold=1", "pledge.patrol.rules.test-flood.window=1m",
		"pledge.patrol.rules.test-flood.responses=switch-off",
		"pledge.patrol.rules.test-flood.switch-off=registration, contact" })
class SiteResponsesTests extends HttpTest {

	private static final Duration WAIT = Duration.ofSeconds(10);
	private static final Pattern QUESTION = Pattern.compile("(\\d+) ([+\u2212]) (\\d+) = \\?");

	@Autowired
	Switches switches;

	@Autowired
	Decisions decisions;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	@AfterEach
	void liftEverySiteWideDecision() {
		// They hold for the whole site, and the database outlives this class: no other test may meet them.
		switches.inForce().forEach(decision -> decisions.lift(decision.id()));
	}

	@Test
	void aWaveMakesNewPlacesAnswerTheQuestionOnceWhileKnownPlacesSignInAsUsual() {
		ApiClient home = client();
		String email = randomEmail();
		People.registerAndVerify(home, mailbox, email);
		assertThat(People.signIn(home, email, People.PASSWORD).status()).isEqualTo(200);
		ApiClient elsewhere = client();
		assertThat(People.signIn(elsewhere, email, People.PASSWORD).status()).isEqualTo(200); // no wave yet

		wave();

		ApiClient cafe = client();
		ApiClient.Response asked = People.signIn(cafe, email, People.PASSWORD);
		assertThat(asked.status()).isEqualTo(400);
		assertThat(asked.json().get("errors").get(0).get("field").asString()).isEqualTo("answer");
		assertThat(asked.json().get("detail").asString()).contains("answer to a small question");
		assertThat(cafe.get("/api/v1/me").status()).isEqualTo(401);

		JsonNode question = asked.json();
		ApiClient.Response wrong = signIn(cafe, email, question, answer(question) + 1);
		assertThat(wrong.status()).isEqualTo(400);
		assertThat(wrong.json().get("detail").asString()).isEqualTo("That is not the right answer. Please answer the new question.");
		assertThat(signIn(cafe, email, question, answer(question)).json().get("detail").asString())
				.contains("already answered"); // a wrong answer used the question up

		JsonNode fresh = wrong.json();
		assertThat(signIn(cafe, email, fresh, answer(fresh)).status()).isEqualTo(200);
		assertThat(cafe.get("/api/v1/me").status()).isEqualTo(200);
		ApiClient again = client();
		assertThat(signIn(again, email, fresh, answer(fresh)).json().get("detail").asString())
				.contains("already answered");

		// The owner's usual places are not asked.
		assertThat(People.signIn(new ApiClient(port).from(home.address()), email, People.PASSWORD).status())
				.isEqualTo(200);
		assertThat(People.signIn(new ApiClient(port).from(elsewhere.address()), email, People.PASSWORD).status())
				.isEqualTo(200);

		// The contact form's question is not the sign-in form's.
		JsonNode contact = client().get("/api/v1/contact/challenge").json();
		Map<String, Object> withContactToken = Map.of("email", email, "password", People.PASSWORD, "challenge",
				contact.get("token").asString(), "answer", "1");
		assertThat(client().post("/api/v1/session", withContactToken).json().get("detail").asString())
				.contains("not valid any more");

		clock.advance(Duration.ofMinutes(30).plusSeconds(1));
		assertThat(People.signIn(client(), email, People.PASSWORD).status()).isEqualTo(200);
		assertThat(answers("test-wave")).isEqualTo(1);
	}

	@Test
	void fortyCopiesOfTheRightAnswerAtOnceSignInOnce() throws Exception {
		String email = randomEmail();
		People.registerAndVerify(client(), mailbox, email);
		switches.challengeSignIns(Duration.ofMinutes(30), "patrol:test-wave", "patrol");
		JsonNode question = People.signIn(client(), email, People.PASSWORD).json();
		int right = answer(question);

		List<Integer> statuses = AtOnce.times(40, () -> signIn(client(), email, question, right).status());
		assertThat(statuses).isSubsetOf(200, 400, 429);
		assertThat(statuses.stream().filter(status -> status == 200).count()).isEqualTo(1);
	}

	@Test
	void theSignInPageShowsTheQuestionAndRefusesAWrongAnswer() {
		ApiClient browser = client();
		assertThat(page(browser, "/login").body()).doesNotContain("unusual activity");
		switches.challengeSignIns(Duration.ofMinutes(30), "patrol:test-wave", "patrol");

		ApiClient.Response form = page(browser, "/login");
		assertThat(form.body()).contains("Because of unusual activity").contains("name=\"answer\"");
		Matcher question = QUESTION.matcher(form.body());
		assertThat(question.find()).isTrue();
		String email = randomEmail();
		ApiClient.Response refused = browser.send("POST", "/login", "email=" + email.replace("@", "%40")
				+ "&password=x&answer=" + (answer(question) + 1) + "&challenge=" + hidden(form.body(), "challenge")
				+ "&_csrf=" + hidden(form.body(), "_csrf"),
				Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("That is not the right answer").contains("name=\"challenge\"");
	}

	@Test
	void aFloodSwitchesFeaturesOffUntilItLapses() {
		String address = randomAddress();
		new ApiClient(port).from(address).get("/.env");
		await().atMost(WAIT).until(() -> switches.offUntil(Switches.Feature.REGISTRATION).isPresent());

		ApiClient.Response api = client().post("/api/v1/accounts", People.registration(randomEmail()));
		assertThat(api.status()).isEqualTo(403);
		assertThat(api.header("Content-Type")).contains("application/problem+json");
		assertThat(api.json().get("detail").asString()).matches(
				"Registration is paused for a while because of unusual activity; try again after (\\d{4}-\\d\\d-\\d\\d )?\\d\\d:\\d\\d UTC\\.");
		assertThat(api.header("Retry-After")).isNotNull();
		assertThat(client().post("/api/v1/%61ccounts", People.registration(randomEmail())).status())
				.isEqualTo(403); // routed to registration all the same
		assertThat(client().post("/api/v1/accounts/", People.registration(randomEmail())).status()).isEqualTo(403);
		ApiClient.Response page = page(client(), "/register");
		assertThat(page.status()).isEqualTo(403);
		assertThat(page.body()).contains("Registration is paused for a while");
		assertThat(page(client(), "/contact").status()).isEqualTo(403);
		assertThat(client().get("/api/v1/contact/challenge").status()).isEqualTo(403);
		assertThat(page(client(), "/password-reset").status()).isEqualTo(200); // not named by the rule
		assertThat(page(client(), "/login").status()).isEqualTo(200);

		clock.advance(Duration.ofHours(1).plusSeconds(1));
		assertThat(client().post("/api/v1/accounts", People.registration(randomEmail())).status()).isEqualTo(201);
		assertThat(page(client(), "/contact").status()).isEqualTo(200);
	}

	@Test
	void administratorsSeeASwitchAmongTheResponsesAndLiftIt() {
		ApiClient admin = CrowdSecApiTests.admin(client(), mailbox, jdbc);
		Decision off = switches.switchOff(Switches.Feature.PASSWORD_RESET, Duration.ofHours(1), "patrol:test-flood",
				"patrol");
		assertThat(client().post("/api/v1/password-reset", Map.of("email", randomEmail())).status()).isEqualTo(403);

		JsonNode listed = admin.get("/api/v1/admin/patrol/responses").json();
		assertThat(listed.findValuesAsString("value")).contains("password-reset");
		assertThat(listed.findValuesAsString("scope")).contains("Site");
		assertThat(admin.send("GET", "/admin/patrol", null, Map.of("Accept", "text/html")).body())
				.contains("password-reset");
		assertThat(admin.delete("/api/v1/admin/patrol/responses/" + off.id()).status()).isEqualTo(204);
		assertThat(client().post("/api/v1/password-reset", Map.of("email", randomEmail())).status()).isEqualTo(202);
	}

	@Test
	void fortySwitchesOfOneFeatureAtOnceLeaveOneDecision() throws Exception {
		java.util.Set<Long> ids = new java.util.HashSet<>(AtOnce.times(40, () -> switches
				.switchOff(Switches.Feature.CONTACT, Duration.ofHours(1), "patrol:test-flood", "patrol").id()));
		assertThat(ids).hasSize(1);
		assertThat(switches.inForce()).extracting(Decision::id).containsExactlyElementsOf(ids);
	}

	@Test
	void theBouncersNeverSeeASiteWideDecision() {
		Decision off = switches.switchOff(Switches.Feature.CONTACT, Duration.ofHours(1), "patrol:test-flood", "patrol");
		Decision asked = switches.challengeSignIns(Duration.ofHours(1), "patrol:test-wave", "patrol");
		assertThat(decisions.inForce()).extracting(Decision::id).doesNotContain(off.id(), asked.id());
		assertThat(decisions.changes(clock.instant().minusSeconds(60), clock.instant()).started())
				.extracting(Decision::id).doesNotContain(off.id(), asked.id());
		decisions.lift(off.id());
		assertThat(decisions.changes(clock.instant().minusSeconds(60), clock.instant().plusSeconds(1)).ended())
				.extracting(Decision::id).doesNotContain(off.id());
	}

	private void wave() {
		for (int i = 0; i < 5; i++) {
			People.signIn(client(), randomEmail(), "not the password " + i);
		}
		await().atMost(WAIT).until(() -> switches.challengesSignIns());
	}

	private ApiClient.Response signIn(ApiClient client, String email, JsonNode question, int answer) {
		Map<String, Object> body = new HashMap<>(Map.of("email", email, "password", People.PASSWORD));
		body.put("challenge", question.get("challenge").asString());
		body.put("answer", Integer.toString(answer));
		return client.post("/api/v1/session", body);
	}

	private static int answer(JsonNode problem) {
		Matcher question = QUESTION.matcher(problem.get("question").asString());
		assertThat(question.matches()).as(problem.get("question").asString()).isTrue();
		return answer(question);
	}

	private static int answer(Matcher question) {
		int a = Integer.parseInt(question.group(1));
		int b = Integer.parseInt(question.group(3));
		return question.group(2).equals("+") ? a + b : a - b;
	}

	private static ApiClient.Response page(ApiClient client, String path) {
		return client.send("GET", path, null, Map.of("Accept", "text/html"));
	}

	private static String hidden(String html, String name) {
		Matcher value = Pattern.compile("name=\"" + name + "\"[^>]*value=\"([^\"]+)\"").matcher(html);
		if (value.find()) {
			return value.group(1);
		}
		Matcher reversed = Pattern.compile("value=\"([^\"]+)\"[^>]*name=\"" + name + "\"").matcher(html);
		assertThat(reversed.find()).as(name).isTrue();
		return reversed.group(1);
	}

	private int answers(String rule) {
		return jdbc.sql("SELECT responses FROM patrol_offenders WHERE rule = :r AND key_value = 'site'").param("r", rule)
				.query(Integer.class).optional().orElse(0);
	}
}
