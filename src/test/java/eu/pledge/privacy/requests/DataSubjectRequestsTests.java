package eu.pledge.privacy.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import eu.pledge.shared.AccountId;
import eu.pledge.testing.People;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.RecordedEvents;
import tools.jackson.databind.JsonNode;

/** Requests received another way: recorded, tracked against their deadline, extended once, closed, deleted. */
@Import(RecordedEvents.class)
class DataSubjectRequestsTests extends HttpTest {

	private static final Map<String, String> HTML = Map.of("Accept", "text/html");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RequestRecords records;

	@Autowired
	RecordedEvents events;

	@Autowired
	RequestRecordsCheck check;

	@Test
	void aRecordedRequestIsDueOneMonthAfterReceiptAndAudited() {
		ApiClient admin = admin();
		String email = randomEmail();
		LocalDate received = today().minusDays(3);
		ApiClient.Response created = admin.post("/api/v1/admin/requests", Map.of("type", "access", "contactEmail", email,
				"receivedOn", received.toString(), "note", "Letter of 3 days ago"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		JsonNode request = created.json();
		assertThat(request.get("status").asString()).isEqualTo("OPEN");
		assertThat(request.get("receivedOn").asString()).isEqualTo(received.toString());
		assertThat(request.get("dueOn").asString()).isEqualTo(received.plusMonths(1).toString());
		assertThat(request.get("contactEmail").asString()).isEqualTo(email);
		assertThat(request.get("notes").asString()).contains("Letter of 3 days ago");
		assertThat(request.get("urgency").asString()).isEqualTo("ON_TIME");
		String id = request.get("id").asString();
		assertThat(jdbc.sql("SELECT contact_email_sealed FROM privacy_requests WHERE id = :id")
				.param("id", UUID.fromString(id)).query(String.class).single()).as("sealed at rest").doesNotContain(email);
		assertThat(events.of(RequestRecorded.class)).anySatisfy(event -> {
			assertThat(event.requestId().toString()).isEqualTo(id);
			assertThat(event.auditEntry().toString()).doesNotContain(email);
		});
		assertThat(admin.get("/api/v1/admin/requests/" + id).json().get("type").asString()).isEqualTo("ACCESS");
	}

	@Test
	void anExtensionNeedsAReasonGivesThreeMonthsAndHappensOnce() {
		ApiClient admin = admin();
		LocalDate received = today().minusDays(10);
		String id = record(admin, "erasure", received).get("id").asString();
		ApiClient.Response noReason = admin.patch("/api/v1/admin/requests/" + id, Map.of("status", "extended"));
		assertThat(noReason.status()).isEqualTo(400);
		assertThat(noReason.json().get("errors").get(0).get("field").asString()).isEqualTo("reason");

		ApiClient.Response extended = admin.patch("/api/v1/admin/requests/" + id,
				Map.of("status", "extended", "reason", "Hundreds of records across three systems"));
		assertThat(extended.status()).isEqualTo(200);
		assertThat(extended.json().get("status").asString()).isEqualTo("EXTENDED");
		assertThat(extended.json().get("dueOn").asString()).isEqualTo(received.plusMonths(3).toString());
		assertThat(extended.json().get("extensionReason").asString()).contains("three systems");

		ApiClient.Response again = admin.patch("/api/v1/admin/requests/" + id,
				Map.of("status", "extended", "reason", "more"));
		assertThat(again.status()).isEqualTo(409);
	}

	@Test
	void noExtensionAfterTheFirstMonthHasPassed() {
		ApiClient admin = admin();
		String id = record(admin, "access", today().minusDays(40)).get("id").asString();
		ApiClient.Response late = admin.patch("/api/v1/admin/requests/" + id, Map.of("status", "extended", "reason", "x"));
		assertThat(late.status()).isEqualTo(409);
		assertThat(late.json().get("detail").asString()).contains("within one month of receipt");
	}

	@Test
	void overdueAndNearlyDueRequestsStandOutAndTheListIsSortedByDeadline() {
		ApiClient admin = admin();
		String overdue = record(admin, "correction", today().minusDays(40)).get("id").asString();
		String soon = record(admin, "restriction", today().minusMonths(1).plusDays(5)).get("id").asString();
		String fresh = record(admin, "objection", today()).get("id").asString();
		List<JsonNode> list = new java.util.ArrayList<>();
		admin.get("/api/v1/admin/requests").json().forEach(list::add);
		Map<String, String> urgency = new HashMap<>();
		list.forEach(node -> urgency.put(node.get("id").asString(), node.get("urgency").asString()));
		assertThat(urgency).containsEntry(overdue, "OVERDUE").containsEntry(soon, "DUE_SOON").containsEntry(fresh, "ON_TIME");
		List<String> ids = list.stream().map(node -> node.get("id").asString()).toList();
		assertThat(ids.indexOf(overdue)).isLessThan(ids.indexOf(soon));
		assertThat(ids.indexOf(soon)).isLessThan(ids.indexOf(fresh));
		List<String> due = list.stream().filter(node -> node.get("closedAt") == null)
				.map(node -> node.get("dueOn").asString()).toList();
		assertThat(due).isSorted();

		String page = page(admin, "/admin/requests").body();
		assertThat(page).contains("class=\"overdue\"", "class=\"due-soon\"", "overdue", "due soon");
		assertThat(page(admin, "/admin/requests/" + overdue).body()).contains("Overdue");
	}

	@Test
	void rejectingNeedsAReasonAndAClosedRequestOnlyTakesNotes() {
		ApiClient admin = admin();
		String id = record(admin, "objection", today()).get("id").asString();
		assertThat(admin.patch("/api/v1/admin/requests/" + id, Map.of("status", "rejected")).status()).isEqualTo(400);
		ApiClient.Response rejected = admin.patch("/api/v1/admin/requests/" + id,
				Map.of("status", "rejected", "reason", "Identity could not be confirmed"));
		assertThat(rejected.status()).isEqualTo(200);
		assertThat(rejected.json().get("urgency").asString()).isEqualTo("CLOSED");
		assertThat(rejected.json().get("closedAt")).isNotNull();
		assertThat(admin.patch("/api/v1/admin/requests/" + id, Map.of("status", "completed")).status()).isEqualTo(409);
		ApiClient.Response noted = admin.patch("/api/v1/admin/requests/" + id, Map.of("note", "Told the person by mail"));
		assertThat(noted.status()).isEqualTo(200);
		assertThat(noted.json().get("notes").asString()).contains("Told the person by mail");
		assertThat(events.of(RequestUpdated.class)).anySatisfy(event -> assertThat(event.requestId().toString()).isEqualTo(id));
	}

	/**
	 * Forty notes added at once, half on a second node, are all kept: each note is appended under the request's
	 * row, so none overwrites another's; forty extensions at once extend the deadline once.
	 */
	@Test
	void fortyNotesAtOnceOnTwoNodesAreAllKeptAndFortyExtensionsExtendOnce() throws Exception {
		ApiClient admin = admin();
		String id = record(admin, "access", today()).get("id").asString();
		String due = admin.get("/api/v1/admin/requests/" + id).json().get("dueOn").asString();
		List<Integer> noted;
		List<Integer> extended;
		try (eu.pledge.testing.SecondNode other = eu.pledge.testing.SecondNode.of(environment, Map.of())) {
			noted = eu.pledge.testing.AtOnce.run(40, i -> {
				ApiClient tab = admin.on(i % 2 == 0 ? port : other.port());
				return () -> tab.patch("/api/v1/admin/requests/" + id, Map.of("note", "Note number " + i + ".")).status();
			});
			extended = eu.pledge.testing.AtOnce.run(40, i -> {
				ApiClient tab = admin.on(i % 2 == 0 ? port : other.port());
				return () -> tab.patch("/api/v1/admin/requests/" + id,
						Map.of("status", "extended", "reason", "Many records to gather")).status();
			});
		}
		assertThat(noted).containsOnly(200);
		String notes = admin.get("/api/v1/admin/requests/" + id).json().get("notes").asString();
		for (int i = 0; i < 40; i++) {
			assertThat(notes).as("note " + i).contains("Note number " + i + ".");
		}
		assertThat(extended.stream().filter(status -> status == 200)).as("one extension").hasSize(1);
		assertThat(extended).as("the others refused: the law allows one extension").containsOnly(200, 409);
		assertThat(admin.get("/api/v1/admin/requests/" + id).json().get("dueOn").asString()).isNotEqualTo(due);
	}

	@Test
	void badInputIsRefusedByField() {
		ApiClient admin = admin();
		assertField(admin.post("/api/v1/admin/requests", Map.of("type", "gossip", "contactEmail", "a@b.c")), "type");
		assertField(admin.post("/api/v1/admin/requests", Map.of("type", "access")), "contactEmail");
		assertField(admin.post("/api/v1/admin/requests", Map.of("type", "access", "accountId", "nope")), "accountId");
		assertField(admin.post("/api/v1/admin/requests", Map.of("type", "access", "contactEmail", "a@b.c",
				"receivedOn", today().plusDays(1).toString())), "receivedOn");
		assertField(admin.post("/api/v1/admin/requests", Map.of("type", "access", "contactEmail", "a@b.c",
				"receivedOn", "yesterday")), "receivedOn");
		assertThat(admin.patch("/api/v1/admin/requests/" + UUID.randomUUID(), Map.of("note", "x")).status()).isEqualTo(404);
		assertThat(admin.get("/api/v1/admin/requests/not-an-id").status()).isEqualTo(404);
		for (String garbage : List.of("null", "[]", "42", "{", "{}", "{\"type\": [], \"note\": {}}")) {
			assertThat(admin.send("POST", "/api/v1/admin/requests", garbage, Map.of("Content-Type", "application/json"))
					.status()).as(garbage).isBetween(400, 499);
		}
	}

	@Test
	void theRequestsOfAnAccountAreExportedAndAnonymisedOnErasure() {
		ApiClient admin = admin();
		AccountId account = AccountId.random();
		ApiClient.Response created = admin.post("/api/v1/admin/requests", Map.of("type", "erasure", "accountId",
				account.toString(), "contactEmail", randomEmail(), "note", "By letter"));
		assertThat(created.status()).isEqualTo(201);
		String id = created.json().get("id").asString();
		assertThat(records.export(account)).singleElement().satisfies(item -> {
			assertThat(item.category()).isEqualTo("request-records");
			assertThat(((RequestRecords.ExportedRequest) item.data()).notes()).contains("By letter");
		});
		String detail = admin.send("GET", "/admin/requests/" + id, null, HTML).body();
		assertThat(detail).contains("/admin/audit?targetId=" + account, "Erase the account through the rights services");
		records.erase(account);
		assertThat(records.export(account)).isEmpty();
		JsonNode kept = admin.get("/api/v1/admin/requests/" + id).json();
		assertThat(kept.get("type").asString()).as("the record that it was answered stays").isEqualTo("ERASURE");
		assertThat(kept.get("account")).isNull();
		assertThat(kept.get("contactEmail")).isNull();
		assertThat(kept.get("notes")).isNull();
	}

	@Test
	void closedRequestsAreDeletedAfterTheirRetention() {
		ApiClient admin = admin();
		String closed = record(admin, "access", today()).get("id").asString();
		String open = record(admin, "access", today()).get("id").asString();
		assertThat(admin.patch("/api/v1/admin/requests/" + closed, Map.of("status", "completed")).status()).isEqualTo(200);
		assertThat(records.sweep(clock.instant().plus(Duration.ofDays(1094)))).isZero();
		assertThat(records.sweep(clock.instant().plus(Duration.ofDays(1096)))).isPositive();
		assertThat(admin.get("/api/v1/admin/requests/" + closed).status()).isEqualTo(404);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM vault_keys WHERE owner_id = :id").param("id", UUID.fromString(closed))
				.query(Long.class).single()).isZero();
		assertThat(admin.get("/api/v1/admin/requests/" + open).status()).as("open requests stay").isEqualTo(200);
	}

	@Test
	void aClosedRequestKeptPastItsRetentionFailsTheComplianceCheckByIdUntilTheSweep() {
		records.sweep(clock.instant().plus(Duration.ofDays(4000))); // the closed requests of other tests
		ApiClient admin = admin();
		String email = randomEmail();
		String closed = admin.post("/api/v1/admin/requests", Map.of("type", "erasure", "contactEmail", email,
				"receivedOn", today().toString())).json().get("id").asString();
		assertThat(admin.patch("/api/v1/admin/requests/" + closed, Map.of("status", "completed")).status()).isEqualTo(200);
		assertThat(check.check(clock.instant().plus(Duration.ofDays(1095))).passed()).as("within the sweep's slack")
				.isTrue();

		Instant late = clock.instant().plus(Duration.ofDays(1095)).plus(Duration.ofMinutes(6));
		var failed = check.check(late);
		assertThat(failed.passed()).isFalse();
		assertThat(failed.evidence()).contains("1 closed data-subject requests older than their period", closed)
				.doesNotContain(email);

		records.sweep(late);
		assertThat(check.check(late).passed()).isTrue();
	}

	@Test
	void administratorsUseThePages() {
		ApiClient admin = admin();
		ApiClient.Response list = page(admin, "/admin/requests");
		assertThat(list.status()).isEqualTo(200);
		String csrf = csrf(list.body());
		String email = randomEmail();
		ApiClient.Response refused = post(admin, "/admin/requests", Map.of("type", "access", "contactEmail", "", "_csrf", csrf));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("account id, or an email", "aria-invalid=\"true\"");
		ApiClient.Response created = post(admin, "/admin/requests",
				Map.of("type", "portability", "contactEmail", email, "receivedOn", today().toString(), "_csrf", csrf));
		assertThat(created.status()).isEqualTo(302);
		String location = java.net.URI.create(created.header("Location")).getPath();
		String detail = page(admin, location).body();
		assertThat(detail).contains(email, today().plusMonths(1).toString());
		ApiClient.Response noReason = post(admin, location, Map.of("status", "extended", "_csrf", csrf));
		assertThat(noReason.status()).isEqualTo(400);
		assertThat(noReason.body()).contains("reason for the extension");
		assertThat(post(admin, location, Map.of("status", "extended", "reason", "Complex", "_csrf", csrf)).status())
				.isEqualTo(302);
		assertThat(page(admin, location).body()).contains(today().plusMonths(3).toString(), "Complex");
		ApiClient.Response missing = page(admin, "/admin/requests/" + UUID.randomUUID());
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.body()).contains("<h1>Not available</h1>", "<a href=\"/admin/requests\">All requests</a>");
		ApiClient.Response gone = post(admin, "/admin/requests/" + UUID.randomUUID(),
				Map.of("note", "Called back", "_csrf", csrf));
		assertThat(gone.status()).isEqualTo(404);
		assertThat(gone.body()).contains("<h1>Not available</h1>", "<a href=\"/admin/requests\">All requests</a>");
	}

	@Test
	void nonAdministratorsAreRefused() {
		ApiClient person = client();
		signedInAccount(person);
		assertThat(person.get("/api/v1/admin/requests").status()).isEqualTo(403);
		assertThat(person.post("/api/v1/admin/requests", Map.of("type", "access", "contactEmail", "a@b.c")).status())
				.isEqualTo(403);
		assertThat(person.patch("/api/v1/admin/requests/" + UUID.randomUUID(), Map.of("note", "x")).status()).isEqualTo(403);
		assertThat(page(person, "/admin/requests").status()).isEqualTo(403);
		assertThat(client().get("/api/v1/admin/requests").status()).isEqualTo(401);
	}

	// --- helpers

	private JsonNode record(ApiClient admin, String type, LocalDate received) {
		ApiClient.Response created = admin.post("/api/v1/admin/requests",
				Map.of("type", type, "contactEmail", randomEmail(), "receivedOn", received.toString()));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json();
	}

	private LocalDate today() {
		return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
	}

	private static void assertField(ApiClient.Response response, String field) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
	}

	ApiClient admin() {
		ApiClient client = client();
		String email = randomEmail();
		People.registerAndVerify(client, mailbox, email);
		People.signIn(client, email, People.PASSWORD);
		String id = client.get("/api/v1/me").json().get("id").asString();
		client.delete("/api/v1/session");
		client.forgetCookies();
		jdbc.sql("UPDATE accounts SET roles = 'ADMIN' WHERE id = :id").param("id", UUID.fromString(id)).update();
		People.signIn(client, email, People.PASSWORD);
		return client;
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

	private static String csrf(String body) {
		Matcher matcher = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(body);
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}
}
