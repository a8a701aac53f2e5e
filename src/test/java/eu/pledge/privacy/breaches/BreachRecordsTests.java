package eu.pledge.privacy.breaches;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import eu.pledge.testing.ApiClient;
import tools.jackson.databind.JsonNode;

/** Breach records: opened, changed, listed, the 72-hour clock, the authority's text, refusals, retention. */
class BreachRecordsTests extends BreachFixture {

	@Autowired
	BreachRecords records;

	@Autowired
	BreachRecordsCheck check;

	@Test
	void aBreachIsRecordedChangedListedSealedAtRestAndEveryStepAudited() {
		ApiClient admin = admin();
		Instant discovered = clock.instant().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
		JsonNode created = breach(admin, discovered, false);
		String id = created.get("id").asString();
		assertThat(created.get("discoveredAt").asString()).isEqualTo(discovered.toString());
		assertThat(created.get("authorityDueAt").asString()).isEqualTo(discovered.plus(Duration.ofHours(72)).toString());
		assertThat(created.get("approximateSubjects").asLong()).isEqualTo(120);
		assertThat(created.get("urgency").asString()).isEqualTo("ON_TIME");
		assertThat(jdbc.sql("SELECT summary_sealed FROM privacy_breaches WHERE id = :id").param("id", UUID.fromString(id))
				.query(String.class).single()).as("sealed at rest").doesNotContain("backup");

		ApiClient.Response changed = admin.patch("/api/v1/admin/breaches/" + id,
				Map.of("measures", "Backup deleted; the bucket is private now", "approximateSubjects", ""));
		assertThat(changed.status()).as(changed.body()).isEqualTo(200);
		assertThat(changed.json().get("measures").asString()).contains("bucket is private");
		assertThat(changed.json().get("approximateSubjects")).as("blank: not known").isNull();
		assertThat(changed.json().get("summary").asString()).as("left out: kept").contains("six hours");

		List<String> listed = new ArrayList<>();
		admin.get("/api/v1/admin/breaches").json().forEach(node -> listed.add(node.get("id").asString()));
		assertThat(listed).contains(id);
		assertThat(admin.get("/api/v1/admin/breaches/" + id).json().get("measures").asString()).contains("private");

		assertThat(events.of(BreachRecorded.class)).anySatisfy(event -> assertThat(event.breachId().toString()).isEqualTo(id));
		assertThat(events.of(BreachUpdated.class)).anySatisfy(event -> {
			assertThat(event.breachId().toString()).isEqualTo(id);
			assertThat(event.fields()).containsExactlyInAnyOrder("measures", "approximateSubjects");
			assertThat(event.auditEntry().toString()).doesNotContain("bucket");
		});
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE target_id = :id AND action LIKE 'privacy-breach.%'")
				.param("id", id).query(Long.class).single()).isEqualTo(2);
	}

	@Test
	void theClockRunsSeventyTwoHoursFromDiscoveryAndStopsWhenTheAuthorityIsNotified() {
		ApiClient admin = admin();
		Instant discovered = clock.instant().minus(Duration.ofMinutes(5));
		String id = breach(admin, discovered, true).get("id").asString();
		assertThat(urgency(admin, id)).isEqualTo("ON_TIME");

		clock.set(discovered.plus(Duration.ofHours(49)));
		admin = admin(); // the earlier session timed out
		assertThat(urgency(admin, id)).isEqualTo("DUE_SOON");
		assertThat(page(admin, "/admin/breaches").body()).contains("class=\"due-soon\"", "due soon");
		assertThat(page(admin, "/admin/breaches/" + id).body()).contains("Due soon: notify the supervisory authority");

		clock.set(discovered.plus(Duration.ofHours(73)));
		admin = admin();
		assertThat(urgency(admin, id)).isEqualTo("OVERDUE");
		String settled = admin.post("/api/v1/admin/breaches", Map.of("discoveredAt", discovered.toString(),
				"summary", "A mail to the wrong colleague", "noNotificationReason", "Deleted unread")).json().get("id").asString();
		String fresh = breach(admin, clock.instant(), false).get("id").asString();
		List<String> order = new ArrayList<>();
		admin.get("/api/v1/admin/breaches").json().forEach(node -> order.add(node.get("id").asString()));
		assertThat(order.indexOf(id)).as("the nearest deadline on top").isLessThan(order.indexOf(fresh));
		assertThat(order.indexOf(fresh)).as("running clocks before settled breaches").isLessThan(order.indexOf(settled));
		assertThat(page(admin, "/admin/breaches").body()).contains("class=\"overdue\"");
		assertThat(page(admin, "/admin/breaches/" + id).body()).contains("Overdue: the supervisory authority had to be notified");

		Instant notified = clock.instant().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
		assertField(admin.patch("/api/v1/admin/breaches/" + id, Map.of("authorityNotifiedAt", notified.toString())), 400,
				"delayReason");
		ApiClient.Response late = admin.patch("/api/v1/admin/breaches/" + id, Map.of("authorityNotifiedAt",
				notified.toString(), "delayReason", "The extent was only known after the forensic report"));
		assertThat(late.status()).as(late.body()).isEqualTo(200);
		assertThat(late.json().get("urgency").asString()).isEqualTo("NOTIFIED");
		assertThat(events.of(AuthorityNotified.class)).anySatisfy(event -> {
			assertThat(event.breachId().toString()).isEqualTo(id);
			assertThat(event.late()).isTrue();
		});
		assertField(admin.patch("/api/v1/admin/breaches/" + id, Map.of("authorityNotifiedAt", clock.instant().toString())),
				409, "authorityNotifiedAt");

		String minor = breach(admin, clock.instant(), false).get("id").asString();
		ApiClient.Response notRequired = admin.patch("/api/v1/admin/breaches/" + minor,
				Map.of("noNotificationReason", "One mail to a wrong colleague, deleted unread"));
		assertThat(notRequired.status()).as(notRequired.body()).isEqualTo(200);
		assertThat(notRequired.json().get("urgency").asString()).isEqualTo("NOT_REQUIRED");
		clock.set(clock.instant().plus(Duration.ofDays(4)));
		assertThat(urgency(admin(), minor)).as("no clock once not notifying is decided").isEqualTo("NOT_REQUIRED");
	}

	@Test
	void theNotificationToTheAuthorityHasWhatArticle33Asks() {
		ApiClient admin = admin();
		Instant discovered = clock.instant().minus(Duration.ofHours(80));
		String id = breach(admin, discovered, true).get("id").asString();
		admin.patch("/api/v1/admin/breaches/" + id, Map.of("authorityNotifiedAt", clock.instant().toString(),
				"delayReason", "Holiday weekend"));
		String text = admin.get("/api/v1/admin/breaches/" + id + "/authority-notification").json().get("text").asString();
		assertThat(text).contains("Art. 33", "Controller:", "Contact point", "six hours",
				"Email addresses and encrypted postal addresses", "Members of customer organisations", "120",
				"Phishing mails", "keys rotated", "are being told directly", "Reasons for notifying after 72 hours",
				"Holiday weekend", String.valueOf(discovered.atZone(ZoneOffset.UTC).getYear()));
		// the authority the test profile configures (pledge.privacy.supervisory-authority.*)
		assertThat(text).contains("To: Data Protection Authority (Belgium), Rue de la Presse 35, 1000 Brussels, Belgium");
		assertThat(page(admin, "/admin/breaches/" + id).body()).contains("Notification of a personal data breach");

		String unknown = admin.post("/api/v1/admin/breaches", Map.of("discoveredAt", clock.instant().toString(),
				"summary", "Laptop stolen")).json().get("id").asString();
		assertThat(admin.get("/api/v1/admin/breaches/" + unknown + "/authority-notification").json().get("text")
				.asString()).contains("Laptop stolen", "not yet known; to be provided in phases");
	}

	@Test
	void badInputIsRefusedByField() {
		ApiClient admin = admin();
		Map<String, Object> good = Map.of("discoveredAt", clock.instant().toString(), "summary", "Lost laptop");
		assertField(admin.post("/api/v1/admin/breaches", Map.of("summary", "x")), 400, "discoveredAt");
		assertField(admin.post("/api/v1/admin/breaches", with(good, "discoveredAt", "yesterday")), 400, "discoveredAt");
		assertField(admin.post("/api/v1/admin/breaches",
				with(good, "discoveredAt", clock.instant().plus(Duration.ofHours(1)).toString())), 400, "discoveredAt");
		assertField(admin.post("/api/v1/admin/breaches", with(good, "summary", " ")), 400, "summary");
		assertField(admin.post("/api/v1/admin/breaches", with(good, "summary", "x".repeat(2001))), 400, "summary");
		assertField(admin.post("/api/v1/admin/breaches", with(good, "measures", "a\u0000b")), 400, "measures");
		assertField(admin.post("/api/v1/admin/breaches", with(good, "approximateSubjects", "-3")), 400, "approximateSubjects");
		assertField(admin.post("/api/v1/admin/breaches", with(good, "approximateSubjects", "many")), 400, "approximateSubjects");
		assertField(admin.post("/api/v1/admin/breaches", with(good, "highRisk", "maybe")), 400, "highRisk");
		assertField(admin.post("/api/v1/admin/breaches", with(good, "authorityNotifiedAt",
				clock.instant().minus(Duration.ofDays(1)).toString())), 400, "authorityNotifiedAt");
		assertField(admin.post("/api/v1/admin/breaches", with(with(good, "highRisk", true), "noNotificationReason",
				"Seems harmless")), 400, "noNotificationReason");
		String id = admin.post("/api/v1/admin/breaches", good).json().get("id").asString();
		assertField(admin.patch("/api/v1/admin/breaches/" + id, Map.of("discoveredAt", "")), 400, "discoveredAt");
		assertThat(admin.patch("/api/v1/admin/breaches/" + UUID.randomUUID(), Map.of("summary", "x")).status()).isEqualTo(404);
		assertThat(admin.get("/api/v1/admin/breaches/not-an-id").status()).isEqualTo(404);
		for (String garbage : List.of("null", "[]", "42", "{", "{}", "{\"summary\": [], \"highRisk\": {}}")) {
			assertThat(admin.send("POST", "/api/v1/admin/breaches", garbage, Map.of("Content-Type", "application/json"))
					.status()).as(garbage).isBetween(400, 499);
		}
	}

	@Test
	void administratorsUseThePages() {
		ApiClient admin = admin();
		ApiClient.Response list = page(admin, "/admin/breaches");
		assertThat(list.status()).isEqualTo(200);
		String csrf = csrf(list.body());
		String discovered = clock.instant().atZone(ZoneOffset.UTC).toLocalDateTime().minusHours(1)
				.truncatedTo(ChronoUnit.MINUTES).toString();
		ApiClient.Response refused = post(admin, "/admin/breaches", Map.of("discoveredAt", discovered, "summary", "",
				"_csrf", csrf));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("Say what happened", "aria-invalid=\"true\"");
		ApiClient.Response created = post(admin, "/admin/breaches", Map.of("discoveredAt", discovered,
				"summary", "Wrong attachment sent to a customer", "highRisk", "true", "_csrf", csrf));
		assertThat(created.status()).as(created.body()).isEqualTo(302);
		String location = java.net.URI.create(created.header("Location")).getPath();
		String detail = page(admin, location).body();
		assertThat(detail).contains("Wrong attachment sent to a customer", "Tell the people affected",
				"Notification of a personal data breach");
		ApiClient.Response changed = post(admin, location, Map.of("summary", "Wrong attachment sent to one customer",
				"measures", "Customer confirmed deletion", "highRisk", "true", "_csrf", csrf));
		assertThat(changed.status()).as(changed.body()).isEqualTo(302);
		assertThat(page(admin, location).body()).contains("Customer confirmed deletion");
		ApiClient.Response badWindow = post(admin, location + "/notifications", Map.of("signedInFrom", discovered,
				"_csrf", csrf));
		assertThat(badWindow.status()).isEqualTo(400);
		assertThat(badWindow.body()).contains("end of the window");
		Person person = person();
		ApiClient.Response told = post(admin, location + "/notifications", Map.of("accountIds",
				person.id() + ",\n" + UUID.randomUUID(), "_csrf", csrf));
		assertThat(told.status()).as(told.body()).isEqualTo(302);
		mailbox.await(person.email(), SUBJECT);
		assertThat(page(admin, location).body()).contains("Mailed the notice to 1 person. Told before: 0 people. Without an account or address: 1 person.", person.id().toString());
		ApiClient.Response missing = page(admin, "/admin/breaches/" + UUID.randomUUID());
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.body()).contains("<a href=\"/admin/breaches\">All breaches</a>");
	}

	@Test
	void nonAdministratorsAreRefused() {
		ApiClient person = client();
		signedInAccount(person);
		String any = UUID.randomUUID().toString();
		assertThat(person.get("/api/v1/admin/breaches").status()).isEqualTo(403);
		assertThat(person.post("/api/v1/admin/breaches", Map.of("summary", "x")).status()).isEqualTo(403);
		assertThat(person.patch("/api/v1/admin/breaches/" + any, Map.of("summary", "x")).status()).isEqualTo(403);
		assertThat(person.post("/api/v1/admin/breaches/" + any + "/notifications", Map.of()).status()).isEqualTo(403);
		assertThat(person.get("/api/v1/admin/breaches/" + any + "/authority-notification").status()).isEqualTo(403);
		assertThat(page(person, "/admin/breaches").status()).isEqualTo(403);
		assertThat(client().get("/api/v1/admin/breaches").status()).isEqualTo(401);
	}

	@Test
	void aRecordIsDeletedFiveYearsAfterItsLastChangeWithWhoWasToldAndItsKey() {
		ApiClient admin = admin();
		Person person = person();
		String id = breach(admin, clock.instant(), true).get("id").asString();
		assertThat(notify(admin, id, Map.of("accountIds", List.of(person.id().toString()))).status()).isEqualTo(200);
		Instant changed = clock.instant();
		assertThat(records.sweep(changed.atZone(ZoneOffset.UTC).plusYears(5).minusDays(1).toInstant())).isZero();
		assertThat(admin.get("/api/v1/admin/breaches/" + id).status()).isEqualTo(200);
		assertThat(records.sweep(changed.atZone(ZoneOffset.UTC).plusYears(5).plusDays(1).toInstant())).isPositive();
		assertThat(admin.get("/api/v1/admin/breaches/" + id).status()).isEqualTo(404);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM privacy_breach_notices WHERE breach_id = :id")
				.param("id", UUID.fromString(id)).query(Long.class).single()).isZero();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM vault_keys WHERE owner_id = :id").param("id", UUID.fromString(id))
				.query(Long.class).single()).isZero();
	}

	@Test
	void aRecordKeptPastItsRetentionFailsTheComplianceCheckByIdUntilTheSweep() {
		records.sweep(clock.instant().atZone(ZoneOffset.UTC).plusYears(10).toInstant()); // other tests' records
		String id = breach(admin(), clock.instant(), false).get("id").asString();
		Instant fiveYears = clock.instant().atZone(ZoneOffset.UTC).plusYears(5).toInstant();
		assertThat(check.check(fiveYears).passed()).as("within the sweep's slack").isTrue();

		Instant late = fiveYears.plus(Duration.ofMinutes(6));
		var failed = check.check(late);
		assertThat(failed.passed()).isFalse();
		assertThat(failed.evidence()).contains("1 breach records older than their period", id);

		records.sweep(late);
		assertThat(check.check(late).passed()).isTrue();
	}

	@Test
	void thePrivacyNoticeAndTheRecordOfProcessingDeclareBreachRecords() {
		String notice = client().get("/privacy").body();
		assertThat(notice).contains("Security incidents that concern you", "legal obligation (Art. 33 and 34");
		assertThat(notice).containsPattern("Deleted at the latest 18(26|27) days after");
		assertThat(admin().get("/api/v1/admin/processing-record").body()).contains("table:privacy_breaches");
	}

	private String urgency(ApiClient admin, String id) {
		return admin.get("/api/v1/admin/breaches/" + id).json().get("urgency").asString();
	}

	private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
		Map<String, Object> changed = new HashMap<>(body);
		changed.put(key, value);
		return changed;
	}
}
