package eu.pledge.errors.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import eu.pledge.testing.ApiClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 11: an event PostgreSQL cannot store as it was sent (a NUL in its text, a time outside timestamptz's
 * range) was answered 200 with its id and then lost with a WARN, and the SDK does not send it again. It is
 * stored, without the NUL and at its time of receipt, on H2 and PostgreSQL alike.
 */
class StorableEventsTests extends ErrorsHttpTest {

	record Project(long id, String key) {
	}

	@Test
	void anEnvelopeWhoseTextsHoldNulAndBrokenCharactersIsStoredWithoutThem() {
		Project project = project();
		String id = eventId();
		String event = """
				{"message":"Payment\\u0000 failed \\ud800","release":"shop@1.0\\u0000","tags":{"region\\u0000":"eu\\u0000"},
				 "exception":{"values":[{"type":"IllegalStateException","module":"java.lang","value":"card\\u0000declined",
				  "stacktrace":{"frames":[{"module":"com.shop\\u0000.Pay","function":"charge","lineno":3,"in_app":true}]}}]}}""";
		ApiClient.Response sent = envelope(project, id, event);
		assertThat(sent.status()).as(sent.body()).isEqualTo(200);

		JsonNode stored = storedEvent(project, id);
		assertThat(stored.get("message").asString()).isEqualTo("Payment failed \uFFFD");
		assertThat(stored.get("release").asString()).isEqualTo("shop@1.0");
		assertThat(stored.get("tags").get("region").asString()).isEqualTo("eu");
		JsonNode exception = stored.get("exceptions").get(0);
		assertThat(exception.get("value").asString()).isEqualTo("carddeclined");
		assertThat(exception.get("frames").get(0).get("module").asString()).isEqualTo("com.shop.Pay");
	}

	@Test
	void anEventAtATimeNoDatabaseStoresIsStoredAtItsTimeOfReceipt() {
		Project project = project();
		Instant receipt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		clock.set(receipt);
		for (String time : List.of("+300000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "-5000-01-01T00:00:00Z",
				"1969-12-31T23:59:59Z", "10000-01-01T00:00:00")) {
			String id = eventId();
			String event = "{\"message\":\"late " + id + "\",\"timestamp\":\"" + time + "\"}";
			assertThat(envelope(project, id, event).status()).isEqualTo(200);
			JsonNode stored = storedEvent(project, id);
			assertThat(Instant.parse(stored.get("occurredAt").asString())).as(time).isEqualTo(receipt);
		}
		String id = eventId();
		ApiClient.Response sent = client().send("POST", "/api/" + project.id() + "/store/",
				"{\"event_id\":\"" + id + "\",\"message\":\"old\\u0000\",\"timestamp\":\"+300000-01-01T00:00:00Z\"}",
				Map.of("X-Sentry-Auth", auth(project)));
		assertThat(sent.status()).as("the store endpoint too").isEqualTo(200);
		assertThat(Instant.parse(storedEvent(project, id).get("occurredAt").asString())).isEqualTo(receipt);
		String inRange = eventId();
		assertThat(envelope(project, inRange, "{\"message\":\"on time\",\"timestamp\":\"9999-12-31T00:00:00Z\"}").status())
				.isEqualTo(200);
		assertThat(storedEvent(project, inRange).get("occurredAt").asString()).as("the range's end is kept")
				.isEqualTo("9999-12-31T00:00:00Z");
	}

	@Test
	void pledgesOwnErrorWhoseMessageHoldsNulIsStored() {
		String marker = "own-" + UUID.randomUUID();
		Tracker.Captured captured = tracker.capture(new ErrorEvent(null, ErrorEvent.PLEDGE_PROJECT, Instant.now(), "error",
				"java", List.of(), marker + "\u0000 with NUL", null, null, null, "test", null, null, null, Map.of()));
		JsonNode events = admin().get("/api/v1/admin/issues/" + captured.issueId()).json().get("events");
		assertThat(events.valueStream().map(e -> e.get("message").asString())).contains(marker + " with NUL");
	}

	private Project project() {
		ApiClient.Response created = admin().post("/api/v1/admin/error-projects",
				Map.of("name", "Shop", "slug", "s-" + UUID.randomUUID().toString().substring(0, 8)));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return new Project(created.json().get("project").get("id").longValue(),
				URI.create(created.json().get("dsn").asString()).getUserInfo());
	}

	private ApiClient.Response envelope(Project project, String id, String event) {
		String body = "{\"event_id\":\"" + id + "\"}\n{\"type\":\"event\"}\n" + event.replace("\n", "") + "\n";
		return client().send("POST", "/api/" + project.id() + "/envelope/", body,
				Map.of("Content-Type", "application/x-sentry-envelope", "X-Sentry-Auth", auth(project)));
	}

	/** The event as the error tracker's API shows it, once it is stored. */
	private JsonNode storedEvent(Project project, String eventId) {
		ApiClient admin = admin();
		return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
			for (JsonNode issue : admin.get("/api/v1/admin/issues?status=all&project=" + project.id()).json()) {
				for (JsonNode event : admin.get("/api/v1/admin/issues/" + issue.get("id").longValue()).json().get("events")) {
					if (event.get("eventId").asString().equals(eventId)) {
						return event;
					}
				}
			}
			return null;
		}, java.util.Objects::nonNull);
	}

	private static String auth(Project project) {
		return "Sentry sentry_version=7, sentry_client=pledge-tests/1.0, sentry_key=" + project.key();
	}

	private static String eventId() {
		return UUID.randomUUID().toString().replace("-", "");
	}
}
