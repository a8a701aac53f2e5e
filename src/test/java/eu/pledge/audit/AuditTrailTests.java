package eu.pledge.audit;

import static eu.pledge.testing.People.PASSWORD;
import static eu.pledge.testing.People.registerAndVerify;
import static eu.pledge.testing.People.registration;
import static eu.pledge.testing.People.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.testing.People;
import eu.pledge.testing.ApiClient;

/** What people do through the API ends up in the trail, with the request id and without their data. */
class AuditTrailTests extends AuditHttpTest {

	@Test
	void recordsRegistrationAndSignInsWithTheRequestIdOfTheResponse() {
		ApiClient client = client();
		String email = randomEmail();
		ApiClient.Response registered = client.post("/api/v1/accounts", registration(email));
		assertThat(registered.status()).isEqualTo(201);
		String requestId = registered.header("X-Request-Id");
		assertThat(requestId).matches("[a-z0-9]{20}");
		List<Map<String, Object>> rows = rows("request_id = ?", requestId);
		assertThat(rows).singleElement().satisfies(row -> {
			assertThat(row.get("action")).isEqualTo("account.registered");
			assertThat(row.get("outcome")).isEqualTo("SUCCESS");
			assertThat(row.get("target_type")).isEqualTo("account");
		});
		String accountId = rows.get(0).get("target_id").toString();

		People.verify(client, mailbox, email);
		ApiClient.Response failed = signIn(client, email, "a wrong password guess");
		assertThat(rows("request_id = ?", failed.header("X-Request-Id"))).singleElement()
				.satisfies(row -> assertThat(row).containsEntry("action", "login.failed").containsEntry("outcome", "FAILURE")
						.containsEntry("target_id", accountId).containsEntry("detail", "{\"reason\":\"WRONG_PASSWORD\"}"));
		ApiClient.Response succeeded = signIn(client, email, PASSWORD);
		assertThat(rows("request_id = ?", succeeded.header("X-Request-Id"))).singleElement()
				.satisfies(row -> assertThat(row).containsEntry("action", "login.succeeded")
						.containsEntry("actor", java.util.UUID.fromString(accountId)));
		ApiClient.Response signedOut = client.delete("/api/v1/session");
		assertThat(rows("request_id = ?", signedOut.header("X-Request-Id"))).extracting(row -> row.get("action"))
				.containsExactly("session.ended");
	}

	@Test
	void keepsASafeRequestIdFromTheClientAndReplacesAnyOther() {
		ApiClient client = client();
		ApiClient.Response kept = client.send("POST", "/api/v1/session", Map.of("email", randomEmail(), "password", "x"),
				Map.of("X-Request-Id", "trace-0123456789"));
		assertThat(kept.header("X-Request-Id")).isEqualTo("trace-0123456789");
		assertThat(rows("request_id = ?", "trace-0123456789")).extracting(row -> row.get("action"))
				.containsExactly("login.failed");
		ApiClient.Response replaced = client.send("POST", "/api/v1/session",
				Map.of("email", randomEmail(), "password", "x"), Map.of("X-Request-Id", "ada@example.org"));
		assertThat(replaced.header("X-Request-Id")).matches("[a-z0-9]{20}");
	}

	@Test
	void keepsNoPersonalDataInAnyColumn() {
		ApiClient client = client();
		String email = randomEmail();
		String address = randomAddress();
		registerAndVerify(client.from(address), mailbox, email);
		signIn(client, email, "a wrong password guess");
		signIn(client, email, PASSWORD);
		client.patch("/api/v1/me", Map.of("name", "Grace Hopper", "address",
				Map.of("street", "Arlington Road 9", "postalCode", "2000", "city", "Antwerp", "country", "BE")));
		client.delete("/api/v1/session");

		String everything = jdbc.sql("SELECT * FROM audit_events").query().listOfRows().toString();
		assertThat(everything).contains("login.succeeded")
				.doesNotContain(email).doesNotContain(email.substring(0, email.indexOf('@'))).doesNotContain(address)
				.doesNotContain("Ada").doesNotContain("Lovelace").doesNotContain("Ockham").doesNotContain("Grace")
				.doesNotContain("Arlington").doesNotContain(PASSWORD);
	}

	@Test
	void searchesNewestFirstWithFiltersAndACursor() {
		String target = "t-" + java.util.UUID.randomUUID();
		for (int i = 0; i < 7; i++) {
			clock.advance(java.time.Duration.ofSeconds(1));
			publisher.publishEvent(fact(i % 2 == 0 ? "thing.made" : "thing.broken", target));
		}
		ApiClient admin = admin();
		List<Long> ids = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			JsonNode page = admin.get("/api/v1/admin/audit?targetType=thing&targetId=" + target + "&size=3"
					+ (cursor == null ? "" : "&cursor=" + cursor)).json();
			page.get("items").forEach(item -> ids.add(item.get("id").asLong()));
			cursor = page.has("next") ? page.get("next").asString() : null;
			pages++;
		}
		while (cursor != null);
		assertThat(pages).isEqualTo(3);
		assertThat(ids).hasSize(7).isSortedAccordingTo(java.util.Comparator.reverseOrder());
		assertThat(new HashSet<>(ids)).hasSize(7);

		JsonNode broken = admin.get("/api/v1/admin/audit?action=thing.broken&targetId=" + target + "&outcome=success").json();
		assertThat(broken.get("items")).hasSize(3);
		assertThat(broken.get("items").get(0).get("detail").get("code").asString()).isEqualTo("x1");
		String tomorrow = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(2).toString();
		assertThat(admin.get("/api/v1/admin/audit?targetId=" + target + "&from=" + tomorrow).json().get("items")).isEmpty();
	}

	@Test
	void refusesBadFilterValuesNamingTheParameter() {
		ApiClient admin = admin();
		for (String bad : List.of("actor=someone", "action=DROP%20TABLE", "outcome=maybe", "from=yesterday",
				"cursor=bm9wZQ", "size=101", "targetId=%3Cscript%3E")) {
			ApiClient.Response response = admin.get("/api/v1/admin/audit?" + bad);
			assertThat(response.status()).as(bad).isEqualTo(400);
			assertThat(response.json().get("errors").get(0).get("field").asString()).as(bad)
					.isEqualTo(bad.substring(0, bad.indexOf('=')));
		}
		assertThat(admin.send("GET", "/admin/audit?outcome=maybe", null, Map.of("Accept", "text/html")).status())
				.isEqualTo(400);
	}

	@Test
	void showsEachPersonOnlyTheEventsAboutThemselves() {
		ApiClient me = client();
		signedInAccount(me);
		String myId = me.get("/api/v1/me").json().get("id").asString();
		ApiClient other = client();
		signedInAccount(other);
		String otherId = other.get("/api/v1/me").json().get("id").asString();
		// Someone else removes me from an organisation: neither actor nor target, I am mentioned in the detail.
		publisher.publishEvent(new Fact(new AuditEntry(AccountId.of(otherId), "member.removed", "organization",
				UUID.randomUUID().toString(), AuditEntry.Outcome.SUCCESS, Map.of("account", myId, "role", "MEMBER"))));

		JsonNode mine = me.get("/api/v1/me/audit").json().get("items");
		Set<String> actions = new HashSet<>();
		mine.forEach(item -> {
			actions.add(item.get("action").asString());
			boolean aboutMe = myId.equals(item.path("actor").asString(null))
					|| ("account".equals(item.get("targetType").asString()) && myId.equals(item.get("targetId").asString()))
					|| myId.equals(item.path("detail").path("account").asString(null));
			assertThat(aboutMe).as(item.toString()).isTrue();
		});
		assertThat(actions).contains("account.registered", "login.succeeded", "member.removed");
		JsonNode removal = me.get("/api/v1/me/audit?action=member.removed").json().get("items").get(0);
		assertThat(removal.get("actor").asString()).as("the remover's id is not mine to see")
			.isEqualTo("another account");
		assertThat(me.get("/api/v1/me/audit").body()).doesNotContain(otherId);
		assertThat(other.get("/api/v1/me/audit?action=member.removed").json().get("items"))
			.as("the remover acted: the event is theirs too").hasSize(1);
		// the page in plain words (issue 16): no codes, no ids
		assertThat(me.send("GET", "/account/audit", null, Map.of("Accept", "text/html")).body())
				.contains("You signed in", "Member removed", "Someone else").doesNotContain("login.succeeded")
				.doesNotContain(otherId);
	}

	/**
	 * A person's history holds three kinds of event (theirs, done to their account, mentioning them): paged through
	 * two at a time it gives each of them once, newest first, also the events that are of two or three kinds at once,
	 * and nobody else's.
	 */
	@Test
	void aPersonsHistoryPagesThroughEachOfTheirEventsOnceNewestFirst() {
		ApiClient me = client();
		signedInAccount(me);
		String myId = me.get("/api/v1/me").json().get("id").asString();
		AccountId other = AccountId.of(UUID.randomUUID().toString());
		AccountId mine = AccountId.of(myId);
		for (int round = 0; round < 3; round++) {
			record(other, "account", myId, Map.of()); // done to my account
			record(other, "organization", UUID.randomUUID().toString(), Map.of("account", myId)); // mentions me
			record(mine, "account", myId, Map.of("account", myId)); // all three kinds at once
			record(mine, "organization", UUID.randomUUID().toString(), Map.of()); // mine
			record(other, "account", myId, Map.of("account", myId)); // done to me and mentioning me
			record(other, "account", UUID.randomUUID().toString(), Map.of()); // not about me
		}
		List<Long> expected = jdbc.sql("SELECT id FROM audit_events WHERE actor = :me OR (target_type = 'account' "
				+ "AND target_id = :meText) OR mentioned = :me ORDER BY occurred_at DESC, id DESC")
				.param("me", UUID.fromString(myId)).param("meText", myId).query(Long.class).list();
		assertThat(expected).hasSizeGreaterThan(15);

		List<Long> paged = new ArrayList<>();
		String cursor = null;
		do {
			JsonNode page = me.get("/api/v1/me/audit?size=2" + (cursor == null ? "" : "&cursor=" + cursor)).json();
			page.get("items").forEach(item -> paged.add(item.get("id").asLong()));
			cursor = page.path("next").asString(null);
		}
		while (cursor != null && paged.size() < 100);
		assertThat(paged).containsExactlyElementsOf(expected);
	}

	private void record(AccountId actor, String targetType, String targetId, Map<String, String> detail) {
		publisher.publishEvent(new Fact(new AuditEntry(actor, "test.event", targetType, targetId,
				AuditEntry.Outcome.SUCCESS, detail)));
	}

	@Test
	void onlyAdministratorsSearchTheWholeTrailOrVerifyIt() {
		ApiClient person = client();
		signedInAccount(person);
		assertThat(person.get("/api/v1/admin/audit").status()).isEqualTo(403);
		assertThat(person.post("/api/v1/admin/audit/verification", Map.of()).status()).isEqualTo(403);
		assertThat(person.send("GET", "/admin/audit", null, Map.of("Accept", "text/html")).status()).isEqualTo(403);
		assertThat(client().get("/api/v1/me/audit").status()).isEqualTo(401);

		ApiClient admin = admin();
		assertThat(admin.get("/api/v1/admin/audit").status()).isEqualTo(200);
		assertThat(admin.send("GET", "/admin/audit?action=login.succeeded", null, Map.of("Accept", "text/html")).body())
				.contains("Audit trail").contains("login.succeeded");
	}
}
