package eu.pledge.privacy.rights;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import eu.pledge.privacy.requests.RequestRecorded;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.AtOnce;
import tools.jackson.databind.JsonNode;

/**
 * The right to object (Art. 21) as self-service: the purposes on legitimate interest with the grounds Pledge keeps
 * processing on, an objection that opens a request due in a month, its status for the person, and the audit trail.
 */
class ObjectionTests extends RightsFixture {

	private static final Map<String, String> HTML = Map.of("Accept", "text/html");

	@Test
	void thePersonSeesWhatCanBeObjectedToAndWhySecurityGoesOnAnyway() {
		Person person = person();

		JsonNode overview = person.client().get("/api/v1/me/objections").json();

		List<String> purposes = new ArrayList<>();
		overview.get("purposes").forEach(purpose -> purposes.add(purpose.get("purpose").asString()));
		assertThat(purposes).containsExactly("security", "debugging", "contact");
		JsonNode security = overview.get("purposes").get(0);
		assertThat(security.get("legalBasis").asString()).contains("Art. 6(1)(f)");
		assertThat(security.get("categories").toString()).contains("IP address", "Audit logs", "Server logs");
		assertThat(security.get("compellingGrounds").asString()).contains("compelling legitimate ground",
				"brute-force records", "Secure Patrol");
		assertThat(overview.get("purposes").get(1).get("categories").toString()).contains("Error reports (Codana)");
		assertThat(overview.get("purposes").get(1).has("compellingGrounds")).as("none claimed for debugging").isFalse();
		assertThat(overview.get("objections").size()).isZero();

		String page = person.client().send("GET", "/account/data", null, HTML).body();
		assertThat(page).contains("Object to processing", "Why we go on anyway", "id=\"object-security\"",
				"id=\"object-debugging\"").doesNotContain("id=\"object-providing-access\"");
	}

	@Test
	void anObjectionOpensARequestDueInAMonthThatThePersonFollowsAndTheStaffAnswer() {
		Person person = person();
		ApiClient admin = admin();
		LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);

		ApiClient.Response objected = person.client().post("/api/v1/me/objections",
				Map.of("purpose", "debugging", "grounds", "I am a journalist; my sessions reveal sources"));

		assertThat(objected.status()).as(objected.body()).isEqualTo(201);
		String id = objected.json().get("id").asString();
		assertThat(objected.json().get("status").asString()).isEqualTo("OPEN");
		assertThat(objected.json().get("receivedOn").asString()).isEqualTo(today.toString());
		assertThat(objected.json().get("dueOn").asString()).isEqualTo(today.plusMonths(1).toString());
		JsonNode overview = person.client().get("/api/v1/me/objections").json();
		assertThat(overview.get("objections").get(0).get("id").asString()).isEqualTo(id);
		assertThat(overview.get("purposes").get(1).get("open").get("id").asString()).isEqualTo(id);

		JsonNode request = admin.get("/api/v1/admin/requests/" + id).json();
		assertThat(request.get("type").asString()).isEqualTo("OBJECTION");
		assertThat(request.get("purpose").asString()).isEqualTo("debugging");
		assertThat(request.get("account").asString()).isEqualTo(person.id().toString());
		assertThat(request.get("notes").asString()).contains("I am a journalist; my sessions reveal sources");
		assertThat(admin.get("/admin/requests/" + id).body()).contains("Purpose objected to", "debugging");
		assertThat(person.client().get("/api/v1/me/data").body()).as("in the person's own data").contains(
				"\"kind\":\"data-subject-request\"", "\"type\":\"objection\"", "\"purpose\":\"debugging\"");
		assertThat(recorded.of(RequestRecorded.class)).anySatisfy(event -> {
			assertThat(event.requestId().toString()).isEqualTo(id);
			assertThat(event.by()).isEqualTo(person.id());
			assertThat(event.auditEntry().toString()).contains("debugging").doesNotContain("journalist");
		});
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE action = 'privacy-request.recorded' AND target_id = :id")
				.param("id", id).query(Long.class).single()).isEqualTo(1);

		ApiClient.Response rejected = admin.patch("/api/v1/admin/requests/" + id, Map.of("status", "rejected", "reason",
				"Error reports hold no session content; nothing about your sources is kept."));
		assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);

		JsonNode answered = person.client().get("/api/v1/me/objections").json();
		assertThat(answered.get("objections").get(0).get("status").asString()).isEqualTo("REJECTED");
		assertThat(answered.get("objections").get(0).get("answer").asString()).contains("hold no session content");
		assertThat(answered.get("purposes").get(1).has("open")).as("no open objection any more").isFalse();
		assertThat(person.client().send("GET", "/account/data", null, HTML).body()).contains("Your objections",
				"rejected", "hold no session content");
		assertThat(person.client().post("/api/v1/me/objections", Map.of("purpose", "debugging")).status())
				.as("once answered, the person may object again").isEqualTo(201);
	}

	@Test
	void fortyObjectionsAtOnceOpenOneRequestAndTheRestAreToldItIsOpen() throws Exception {
		Person person = person();
		List<ApiClient.Response> answers = AtOnce.run(40, i -> {
			ApiClient tab = person.client().on(port); // the same session, a client of its own per thread
			return () -> tab.post("/api/v1/me/objections", Map.of("purpose", "security"));
		});
		List<Integer> statuses = new ArrayList<>();
		for (ApiClient.Response response : answers) {
			statuses.add(response.status());
			if (response.status() == 409) {
				assertThat(response.json().get("detail").asString()).contains("You already objected");
			}
		}
		assertThat(statuses).containsOnly(201, 409);
		assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM privacy_requests WHERE account_id = :id AND type = 'OBJECTION'")
				.param("id", person.id().value()).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void badObjectionsAreClearBadRequests() {
		Person person = person();

		assertBadRequest(person.client().post("/api/v1/me/objections", Map.of()), "Choose the purpose");
		assertBadRequest(person.client().post("/api/v1/me/objections", Map.of("purpose", "marketing")), "no such purpose");
		assertBadRequest(person.client().post("/api/v1/me/objections", Map.of("purpose", "providing-access")),
				"right to object does not apply");
		assertBadRequest(person.client().post("/api/v1/me/objections", Map.of("purpose", "contact", "grounds",
				"x".repeat(2001))), "under 2000 characters");
		assertThat(client().post("/api/v1/me/objections", Map.of("purpose", "security")).status()).isIn(401, 403);
		assertThat(person.client().get("/api/v1/me/objections").json().get("objections").size()).isZero();
	}

	@Test
	void theDataPageObjectsThroughItsFormAndShowsTheDeadline() {
		Person person = person();
		LocalDate due = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusMonths(1);

		ApiClient.Response posted = form(person.client(), Map.of("purpose", "security", "grounds", "Please stop"));

		assertThat(posted.status()).isEqualTo(302);
		assertThat(posted.header("Location")).endsWith("/account/data#objection");
		String page = person.client().send("GET", "/account/data", null, HTML).body();
		assertThat(page).contains("Your objection to processing for", "We answer by " + due, "Your objections",
				"we answer by <span>" + due + "</span>").doesNotContain("id=\"object-security\"");

		ApiClient.Response again = form(person.client(), Map.of("purpose", "security"));
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.body()).contains("objection-error", "You already objected");
		ApiClient.Response unknown = form(person.client(), Map.of("purpose", "<script>"));
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.body()).contains("There is no such purpose").doesNotContain("<script>");
	}

	private static void assertBadRequest(ApiClient.Response response, String message) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("detail").asString()).contains(message);
	}

	private static ApiClient.Response form(ApiClient client, Map<String, String> fields) {
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
				.matcher(client.send("GET", "/account/data", null, HTML).body());
		assertThat(csrf.find()).isTrue();
		StringBuilder body = new StringBuilder("_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8));
		fields.forEach((name, value) -> body.append('&').append(name).append('=')
				.append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
		return client.send("POST", "/account/data/objection", body.toString(),
				Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"));
	}
}
