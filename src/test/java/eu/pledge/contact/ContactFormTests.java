package eu.pledge.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import eu.pledge.privacy.spi.ComplianceCheck;
import eu.pledge.shared.AccountId;
import eu.pledge.testing.People;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;

/** The public contact form and its defences, through the API and the page, and the administrators' view. */
@TestPropertySource(properties = { "pledge.contact.staff-address=staff@pledge.example", "pledge.contact.rate-limit=5",
		"pledge.contact.retention=180d" })
class ContactFormTests extends HttpTest {

	private static final Pattern QUESTION = Pattern.compile("(\\d+) ([+\u2212]) (\\d+) = \\?");
	private static final Map<String, String> HTML = Map.of("Accept", "text/html");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ContactRecords records;

	@Autowired
	List<eu.pledge.privacy.spi.RetentionRule> rules;

	@Autowired
	List<ComplianceCheck> checks;

	@Test
	void aCorrectMessageIsStoredSealedAndShowsUpForAdministrators() {
		ApiClient visitor = client();
		String email = randomEmail();
		long before = storedMessages();
		Map<String, Object> body = message(visitor, email, true);
		body.put("answer", Integer.valueOf((String) body.get("answer"))); // a JSON number is an answer too
		ApiClient.Response sent = send(visitor, body, Duration.ofSeconds(5));
		assertThat(sent.status()).isEqualTo(202);
		assertThat(sent.json().get("status").asString()).isEqualTo("received");
		assertThat(storedMessages()).isEqualTo(before + 1);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM contact_messages WHERE name_sealed LIKE '%Grace%' "
				+ "OR email_sealed LIKE :email OR message_sealed LIKE '%cheese%'").param("email", "%" + email + "%")
				.query(Long.class).single()).as("nothing in clear at rest").isZero();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM protection_rate_limits WHERE bucket = 'contact-submissions'")
				.query(Long.class).single()).as("the address is counted").isPositive();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM protection_rate_limits WHERE key_hash LIKE '198.%'")
				.query(Long.class).single()).as("no IP address in clear").isZero();

		ApiClient admin = admin();
		ApiClient.Response list = page(admin, "/admin/contact");
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.body()).contains(email, "Grace Hopper");
		String id = messageIdFor(email);
		assertThat(page(admin, "/admin/contact/" + id).body()).contains("Is the cheese moon-made?", email);

		String notice = mailbox.await("staff@pledge.example", "New message through the contact form");
		assertThat(notice).contains("/admin/contact/" + id).doesNotContain(email).doesNotContain("cheese");
		assertThat(mailbox.count(email)).as("nothing mailed to the sender").isZero();
	}

	@Test
	void theRetentionRulesDeleteAddressCountsAndAnsweredQuestionsOnceTheirWindowEnded() {
		eu.pledge.privacy.spi.RetentionRule challengesRule = rule("contact-used-challenges");
		eu.pledge.privacy.spi.RetentionRule addressesRule = rule("ip-records");
		assertThat(addressesRule.category()).isEqualTo("ip-addresses");
		challengesRule.sweep(clock.instant()); // what other tests left and has expired by now
		addressesRule.sweep(clock.instant());
		ApiClient visitor = client();
		assertThat(send(visitor, message(visitor, randomEmail(), true), Duration.ofSeconds(5)).status()).isEqualTo(202);
		long challenges = count("contact_used_challenges");
		assertThat(count("protection_rate_limits")).isPositive();
		assertThat(challenges).isPositive();

		assertThat(challengesRule.sweep(clock.instant())).as("nothing has expired yet").isZero();
		assertThat(challengesRule.sweep(clock.instant().plus(Duration.ofHours(2)))).isEqualTo(challenges);
		addressesRule.sweep(clock.instant().plus(Duration.ofHours(2)));

		assertThat(count("protection_rate_limits")).isZero();
		assertThat(count("contact_used_challenges")).isZero();
	}

	@Test
	void aMessageOrAnAddressCountKeptTooLongFailsTheComplianceCheckByRecordUntilTheSweep() {
		records.sweep(clock.instant().plus(Duration.ofDays(400))); // what other tests left
		rule("ip-records").sweep(clock.instant().plus(Duration.ofDays(3)));
		ApiClient visitor = client();
		String email = randomEmail();
		assertThat(send(visitor, message(visitor, email, true), Duration.ofSeconds(5)).status()).isEqualTo(202);
		String id = messageIdFor(email);
		ComplianceCheck messages = check("contact-messages-deleted-after-retention");
		ComplianceCheck counts = check("rate-limit-counts-kept-temporarily");
		assertThat(messages.check(clock.instant()).passed()).isTrue();
		assertThat(counts.check(clock.instant()).passed()).isTrue();

		// the address count lives one rate window (1 h here), the sweep interval (5 min) is the slack
		Instant windowOver = clock.instant().plus(Duration.ofMinutes(66));
		ComplianceCheck.Result count = counts.check(windowOver);
		assertThat(count.passed()).isFalse();
		assertThat(count.evidence()).contains("1 rate-limit counts kept past their window", "bucket contact-submissions");
		rule("ip-records").sweep(windowOver);
		assertThat(counts.check(windowOver).passed()).isTrue();

		Instant retentionOver = clock.instant().plus(Duration.ofDays(180)).plus(Duration.ofMinutes(6));
		assertThat(messages.check(retentionOver.minus(Duration.ofMinutes(2))).passed()).as("within the slack").isTrue();
		ComplianceCheck.Result message = messages.check(retentionOver);
		assertThat(message.passed()).isFalse();
		assertThat(message.evidence()).contains("1 contact messages older than their period", id).doesNotContain(email);
		records.sweep(retentionOver);
		assertThat(messages.check(retentionOver).passed()).isTrue();
	}

	private ComplianceCheck check(String promise) {
		return checks.stream().filter(check -> check.promise().equals(promise)).findFirst().orElseThrow();
	}

	private eu.pledge.privacy.spi.RetentionRule rule(String name) {
		return rules.stream().filter(candidate -> candidate.name().equals(name)).findFirst().orElseThrow();
	}

	private long count(String table) {
		return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
	}

	@Test
	void aWrongAnswerIsRefusedAndTheQuestionCannotBeRetried() {
		ApiClient visitor = client();
		long before = storedMessages();
		Map<String, Object> body = message(visitor, randomEmail(), false);
		ApiClient.Response wrong = send(visitor, body, Duration.ofSeconds(5));
		assertProblem(wrong, 400, "answer", "not the right answer");
		body.put("answer", answerTo((String) body.get("question")));
		assertProblem(send(visitor, body, Duration.ZERO), 400, "answer", "already answered");
		assertThat(storedMessages()).isEqualTo(before);
	}

	@Test
	void anExpiredQuestionIsRefused() {
		ApiClient visitor = client();
		long before = storedMessages();
		assertProblem(send(visitor, message(visitor, randomEmail(), true), Duration.ofMinutes(61)), 400, "answer", "expired");
		assertThat(storedMessages()).isEqualTo(before);
	}

	@Test
	void aTamperedOrMadeUpTokenIsRefused() {
		ApiClient visitor = client();
		long before = storedMessages();
		Map<String, Object> body = message(visitor, randomEmail(), true);
		String token = (String) body.get("challenge");
		body.put("challenge", token.substring(0, 10) + (token.charAt(10) == 'A' ? 'B' : 'A') + token.substring(11));
		assertProblem(send(visitor, body, Duration.ofSeconds(5)), 400, "answer", "not valid any more");
		body.put("challenge", "bm90IGEgdG9rZW4");
		assertProblem(send(visitor, body, Duration.ZERO), 400, "answer", "not valid any more");
		assertThat(storedMessages()).isEqualTo(before);
	}

	@Test
	void aReplayedQuestionIsRefused() {
		ApiClient visitor = client();
		Map<String, Object> body = message(visitor, randomEmail(), true);
		assertThat(send(visitor, body, Duration.ofSeconds(5)).status()).isEqualTo(202);
		long before = storedMessages();
		assertProblem(send(visitor, body, Duration.ofSeconds(1)), 400, "answer", "already answered");
		assertThat(storedMessages()).isEqualTo(before);
	}

	@Test
	void aFormSentFasterThanAnyoneTypesIsRefusedAndMayBeSentAgainAfterAMoment() {
		ApiClient visitor = client();
		long before = storedMessages();
		Map<String, Object> body = message(visitor, randomEmail(), true);
		assertProblem(send(visitor, body, Duration.ofSeconds(1)), 400, "answer", "faster than anyone");
		assertThat(storedMessages()).isEqualTo(before);
		assertThat(send(visitor, body, Duration.ofSeconds(3)).status()).as("the question was not used up").isEqualTo(202);
	}

	@Test
	void aFilledHoneypotLooksAcceptedButStoresNothing() {
		ApiClient visitor = client();
		long before = storedMessages();
		Map<String, Object> body = message(visitor, randomEmail(), true);
		body.put("website", "http://spam.example");
		ApiClient.Response dropped = send(visitor, body, Duration.ofSeconds(5));
		assertThat(dropped.status()).isEqualTo(202);
		assertThat(dropped.json().get("status").asString()).isEqualTo("received");
		assertThat(storedMessages()).isEqualTo(before);
	}

	@Test
	void oneAddressMaySendFiveMessagesAnHour() {
		ApiClient visitor = client();
		for (int i = 0; i < 5; i++) {
			assertThat(send(visitor, message(visitor, randomEmail(), true), Duration.ofSeconds(5)).status()).isEqualTo(202);
		}
		long before = storedMessages();
		ApiClient.Response limited = send(visitor, message(visitor, randomEmail(), true), Duration.ofSeconds(5));
		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.json().get("detail").asString()).contains("try again in");
		assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 3600L);
		assertThat(storedMessages()).isEqualTo(before);
		ApiClient.Response page = visitor.send("GET", "/contact", null, HTML);
		ApiClient.Response limitedPage = post(visitor, "/contact", Map.of("name", "Grace", "email", randomEmail(),
				"message", "Hello", "challenge", find(page.body(), "name=\"challenge\" value=\"([^\"]+)\""),
				"answer", "1", "website", "", "_csrf", find(page.body(), "name=\"_csrf\" value=\"([^\"]+)\"")));
		assertThat(limitedPage.status()).isEqualTo(429);
		assertThat(limitedPage.body()).contains("try again in", "Hello");
		assertThat(storedMessages()).isEqualTo(before);
		assertThat(send(client(), message(visitor, randomEmail(), true), Duration.ofSeconds(5)).status())
				.as("another address is not affected").isEqualTo(202);
		clock.advance(Duration.ofMinutes(61));
		assertThat(send(visitor, message(visitor, randomEmail(), true), Duration.ofSeconds(5)).status())
				.as("a new window").isEqualTo(202);
	}

	@Test
	void missingOrOversizedFieldsAreNamedAndGarbageNeverFails() {
		ApiClient visitor = client().from(randomAddress());
		Map<String, Object> body = message(visitor, "not-an-email", true);
		assertProblem(send(visitor, body, Duration.ofSeconds(5)), 400, "email", "email address");
		body = message(visitor, randomEmail(), true);
		body.put("message", "x".repeat(5001));
		assertProblem(send(visitor, body, Duration.ofSeconds(5)), 400, "message", "at most 5000");
		for (String garbage : List.of("null", "[]", "42", "{", "{}", "{\"name\": [], \"challenge\": {}}",
				"{\"challenge\": \"" + "A".repeat(5000) + "\", \"answer\": \"1e99\", \"name\": \"a\", \"email\": \"a@b\", \"message\": \"m\"}",
				"{\"challenge\": \"!!!\", \"answer\": \"\\u0000\", \"name\": \"\\ud800\", \"email\": \"a@b\", \"message\": \"m\"}")) {
			ApiClient fresh = client();
			ApiClient.Response response = fresh.send("POST", "/api/v1/contact", garbage, Map.of("Content-Type", "application/json"));
			assertThat(response.status()).as(garbage).isBetween(400, 499);
			assertThat(response.body()).doesNotContain("Exception");
		}
	}

	@Test
	void thePageShowsTheQuestionRedisplaysRefusalsAndThanksThePerson() {
		ApiClient visitor = client();
		ApiClient.Response form = page(visitor, "/contact");
		assertThat(form.status()).isEqualTo(200);
		String question = find(form.body(), "name=\"question\" value=\"([^\"]+)\"");
		String token = find(form.body(), "name=\"challenge\" value=\"([^\"]+)\"");
		String csrf = find(form.body(), "name=\"_csrf\" value=\"([^\"]+)\"");
		long before = storedMessages();
		clock.advance(Duration.ofSeconds(10));
		ApiClient.Response refused = post(visitor, "/contact", Map.of("name", "Grace", "email", randomEmail(), "message",
				"Hello", "challenge", token, "question", question, "answer", "9999", "website", "", "_csrf", csrf));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("not the right answer", "aria-invalid=\"true\"", "Hello");
		String newToken = find(refused.body(), "name=\"challenge\" value=\"([^\"]+)\"");
		assertThat(newToken).isNotEqualTo(token);

		clock.advance(Duration.ofSeconds(10));
		ApiClient.Response sent = post(visitor, "/contact", Map.of("name", "Grace", "email", randomEmail(), "message",
				"Hello", "challenge", newToken, "question", "", "answer",
				answerTo(find(refused.body(), "name=\"question\" value=\"([^\"]+)\"")), "website", "", "_csrf", csrf));
		assertThat(sent.status()).isEqualTo(302);
		assertThat(sent.header("Location")).endsWith("/contact?sent");
		assertThat(storedMessages()).isEqualTo(before + 1);
		assertThat(page(visitor, "/contact?sent").body()).contains("Thank you");
	}

	@Test
	void messagesPastTheirRetentionAreDeletedWithTheirKeys() {
		ApiClient visitor = client();
		String email = randomEmail();
		assertThat(send(visitor, message(visitor, email, true), Duration.ofSeconds(5)).status()).isEqualTo(202);
		UUID id = UUID.fromString(messageIdFor(email));
		assertThat(records.sweep(clock.instant().plus(Duration.ofDays(179)))).isZero();
		assertThat(records.sweep(clock.instant().plus(Duration.ofDays(181)))).isPositive();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM contact_messages WHERE id = :id").param("id", id).query(Long.class)
				.single()).isZero();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM vault_keys WHERE owner_id = :id").param("id", id).query(Long.class)
				.single()).as("the message's key is destroyed").isZero();
	}

	@Test
	void aSignedInSendersMessagesAreInTheirExportAndErasedWithTheirAccount() {
		ApiClient person = client();
		signedInAccount(person);
		AccountId account = AccountId.of(person.get("/api/v1/me").json().get("id").asString());
		String given = randomEmail();
		assertThat(send(person, message(person, given, true), Duration.ofSeconds(5)).status()).isEqualTo(202);
		assertThat(records.export(account)).singleElement().satisfies(item -> {
			assertThat(item.category()).isEqualTo("contact-messages");
			assertThat(((ContactRecords.ExportedMessage) item.data()).email()).isEqualTo(given);
		});
		records.erase(account);
		assertThat(records.export(account)).isEmpty();
	}

	@Test
	void onlyAdministratorsSeeMessages() {
		ApiClient person = client();
		signedInAccount(person);
		assertThat(page(person, "/admin/contact").status()).isEqualTo(403);
		assertThat(page(client(), "/admin/contact").status()).isIn(302, 401, 403);
		ApiClient.Response missing = page(admin(), "/admin/contact/" + UUID.randomUUID());
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.body()).contains("<h1>Not available</h1>", "There is no such message.",
				"<a href=\"/admin/contact\">All messages</a>");
		assertThat(page(admin(), "/admin/contact/not-an-id").status()).isEqualTo(404);
	}

	@Test
	void anAdministratorTurnsAMessageIntoARequestDueAMonthAfterItArrived() {
		ApiClient visitor = client();
		String email = randomEmail();
		assertThat(send(visitor, message(visitor, email, true), Duration.ofSeconds(5)).status()).isEqualTo(202);
		String id = messageIdFor(email);
		ApiClient admin = admin();
		ApiClient.Response detail = page(admin, "/admin/contact/" + id);
		ApiClient.Response created = post(admin, "/admin/contact/" + id + "/request",
				Map.of("type", "erasure", "_csrf", find(detail.body(), "name=\"_csrf\" value=\"([^\"]+)\"")));
		assertThat(created.status()).isEqualTo(302);
		String request = created.header("Location").substring(created.header("Location").lastIndexOf('/') + 1);
		var json = admin.get("/api/v1/admin/requests/" + request).json();
		assertThat(json.get("type").asString()).isEqualTo("ERASURE");
		assertThat(json.get("contactEmail").asString()).isEqualTo(email);
		assertThat(json.get("contactMessageId").asString()).isEqualTo(id);
		java.time.LocalDate received = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
		assertThat(json.get("dueOn").asString()).isEqualTo(received.plusMonths(1).toString());
		assertThat(page(admin, "/admin/contact/" + id).body()).contains("/admin/requests/" + request);
	}

	// --- helpers

	private Map<String, Object> message(ApiClient client, String email, boolean rightAnswer) {
		var challenge = client.get("/api/v1/contact/challenge");
		assertThat(challenge.status()).isEqualTo(200);
		assertThat(challenge.header("Cache-Control")).contains("no-store");
		String question = challenge.json().get("question").asString();
		String answer = answerTo(question);
		Map<String, Object> body = new HashMap<>();
		body.put("name", "Grace Hopper");
		body.put("email", email);
		body.put("message", "Is the cheese moon-made?");
		body.put("challenge", challenge.json().get("token").asString());
		body.put("answer", rightAnswer ? answer : String.valueOf(Integer.parseInt(answer) + 1));
		body.put("website", "");
		body.put("question", question); // not part of the API; ignored by it
		return body;
	}

	private ApiClient.Response send(ApiClient client, Map<String, Object> body, Duration thinking) {
		clock.advance(thinking);
		Map<String, Object> sent = new HashMap<>(body);
		sent.remove("question");
		return client.post("/api/v1/contact", sent);
	}

	private static String answerTo(String question) {
		Matcher matcher = QUESTION.matcher(question);
		assertThat(matcher.matches()).as(question).isTrue();
		int a = Integer.parseInt(matcher.group(1));
		int b = Integer.parseInt(matcher.group(3));
		return String.valueOf(matcher.group(2).equals("+") ? a + b : a - b);
	}

	private static void assertProblem(ApiClient.Response response, int status, String field, String text) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.header("Content-Type")).contains("application/problem+json");
		assertThat(response.json().get("detail").asString()).contains(text);
		assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
	}

	private long storedMessages() {
		return jdbc.sql("SELECT COUNT(*) FROM contact_messages").query(Long.class).single();
	}

	private String messageIdFor(String email) {
		return jdbc.sql("SELECT id FROM contact_messages").query(UUID.class).list().stream()
				.filter(id -> email.equals(contactEmail(id))).findFirst().orElseThrow().toString();
	}

	@Autowired
	ContactMessages contact;

	private String contactEmail(UUID id) {
		return contact.find(id.toString()).email();
	}

	ApiClient admin() {
		ApiClient client = client();
		String email = randomEmail();
		People.registerAndVerify(client, mailbox, email);
		jdbc.sql("UPDATE accounts SET roles = 'ADMIN' WHERE id = :id")
				.param("id", UUID.fromString(accountId(client, email))).update();
		People.signIn(client, email, People.PASSWORD);
		return client;
	}

	private static String accountId(ApiClient client, String email) {
		People.signIn(client, email, People.PASSWORD);
		String id = client.get("/api/v1/me").json().get("id").asString();
		client.delete("/api/v1/session");
		client.forgetCookies();
		return id;
	}

	private static ApiClient.Response page(ApiClient client, String path) {
		return client.send("GET", path, null, HTML);
	}

	private static ApiClient.Response post(ApiClient client, String path, Map<String, String> fields) {
		StringBuilder form = new StringBuilder();
		fields.forEach((key, value) -> form.append(form.isEmpty() ? "" : "&").append(key).append('=')
				.append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
		return client.send("POST", path, form.toString(),
				Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"));
	}

	private static String find(String body, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(body);
		assertThat(matcher.find()).as(regex).isTrue();
		return matcher.group(1).replace("&#39;", "'").replace("&amp;", "&");
	}
}
