package eu.pledge.errors.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.DeflaterOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import eu.pledge.errors.tracker.ErrorEvent;
import eu.pledge.errors.tracker.Tracker;
import eu.pledge.testing.ApiClient;

/**
 * The ingest over HTTP as SDKs use it: authentication by DSN key, envelopes and store requests, compression,
 * limits and refusals. The tracker is replaced by a recorder here, so these tests see exactly what the ingest
 * hands over (SentrySdkTests use the real tracker).
 */
@org.springframework.context.annotation.Import(IngestTests.AccessLogLines.class)
class IngestTests extends IngestHttpTest {

	/** The access log's stream of answered requests (the same facts as its lines). */
	static class AccessLogLines {

		final List<eu.pledge.serverlogs.RequestCompleted> seen = new CopyOnWriteArrayList<>();

		@org.springframework.context.event.EventListener
		void on(eu.pledge.serverlogs.RequestCompleted request) {
			seen.add(request);
		}
	}

	@org.springframework.beans.factory.annotation.Autowired
	AccessLogLines accessLog;

	@MockitoBean
	Tracker tracker;

	@org.springframework.beans.factory.annotation.Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	final List<ErrorEvent> received = new CopyOnWriteArrayList<>();

	@BeforeEach
	void record() {
		Mockito.when(tracker.capture(any())).thenAnswer(call -> {
			received.add(call.getArgument(0));
			return new Tracker.Captured(1, true, false);
		});
		// Events that arrive together are stored as one batch (IngestQueue): record those too, copied before
		// the queue reuses its list.
		Mockito.when(tracker.captureAll(any())).thenAnswer(call -> {
			List<ErrorEvent> batch = List.copyOf(call.getArgument(0));
			received.addAll(batch);
			return batch.stream().map(event -> new Tracker.Captured(1, true, false)).toList();
		});
	}

	private ErrorEvent awaitEvent(String eventId) {
		return await().atMost(Duration.ofSeconds(10)).until(
				() -> received.stream().filter(e -> e.eventId().equals(eventId)).findFirst().orElse(null),
				java.util.Objects::nonNull);
	}

	private static final String EVENT = """
			{"platform":"java","level":"error","release":"shop@2.0","exception":{"values":[
			 {"type":"IllegalStateException","module":"java.lang","value":"boom",
			  "stacktrace":{"frames":[{"module":"com.shop.Cart","function":"add","lineno":12,"in_app":true}]}}]}}""";

	@Test
	void acceptsAnEnvelopeAuthenticatedByTheAuthHeaderAndAnswersWithTheEventId() {
		Project project = newProject("Shop");
		String id = eventId();
		Reply reply = post("/api/" + project.id() + "/envelope/", envelope(id, EVENT),
				Map.of("Content-Type", "application/x-sentry-envelope", "X-Sentry-Auth", auth(project.key())));
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.body()).isEqualTo("{\"id\":\"" + id + "\"}");
		assertThat(reply.header("Set-Cookie")).as("no session").isNull();
		ErrorEvent event = awaitEvent(id);
		assertThat(event.projectId()).isEqualTo(project.id());
		assertThat(event.release()).isEqualTo("shop@2.0");
		assertThat(event.exceptions()).singleElement().satisfies(e -> {
			assertThat(e.type()).isEqualTo("java.lang.IllegalStateException");
			assertThat(e.frames()).containsExactly(new ErrorEvent.Frame("com.shop.Cart", "add", null, 12, true));
		});
	}

	private static final List<String> SECURITY_HEADERS = List.of("Content-Security-Policy", "X-Content-Type-Options",
			"Referrer-Policy", "Strict-Transport-Security", "X-Frame-Options", "Cache-Control", "X-XSS-Protection");

	/**
	 * The ingest is served before sessions, the security chain and Spring MVC: its answers (accepted or refused)
	 * still carry every security header of the other API answers, a request id and the CORS headers, create no
	 * session, and are written to the access log like any request.
	 */
	@Test
	void answersWithTheSecurityHeadersOfEveryApiAnswerCreatesNoSessionAndIsLogged() {
		Project project = newProject("Edge");
		ApiClient.Response api = client().get("/api/v1/me");
		long sessions = jdbc.sql("SELECT COUNT(*) FROM spring_session").query(Long.class).single();
		String id = eventId();
		Reply accepted = post("/api/" + project.id() + "/envelope/", envelope(id, EVENT),
				Map.of("X-Sentry-Auth", auth(project.key()), "User-Agent", "sentry.java/8.63.0"));
		Reply refused = post("/api/" + project.id() + "/store/", "{}", Map.of("X-Sentry-Auth", auth("f".repeat(32))));
		assertThat(accepted.status()).isEqualTo(200);
		assertThat(accepted.header("Content-Type")).isEqualTo("application/json");
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.header("X-Sentry-Error")).isEqualTo("This DSN key is unknown or has been revoked.");
		assertThat(refused.body()).contains("\"status\":401", "\"instance\":\"/api/" + project.id() + "/store/\"");
		for (Reply reply : List.of(accepted, refused)) {
			for (String header : SECURITY_HEADERS) {
				assertThat(reply.header(header)).as(header).isNotNull().isEqualTo(api.header(header));
			}
			assertThat(reply.header("X-Request-Id")).isNotBlank();
			assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo("*");
			assertThat(reply.header("Set-Cookie")).isNull();
		}
		assertThat(jdbc.sql("SELECT COUNT(*) FROM spring_session").query(Long.class).single()).isEqualTo(sessions);

		eu.pledge.serverlogs.RequestCompleted line = await().atMost(Duration.ofSeconds(10)).until(() -> accessLog.seen
				.stream().filter(r -> r.requestId().equals(accepted.header("X-Request-Id"))).findFirst().orElse(null),
				java.util.Objects::nonNull);
		assertThat(line.method()).isEqualTo("POST");
		assertThat(line.path()).isEqualTo("/api/" + project.id() + "/envelope/");
		assertThat(line.status()).isEqualTo(200);
		assertThat(line.userAgent()).isEqualTo("sentry.java/8.63.0");
		assertThat(line.bytes()).isEqualTo(accepted.body().length());
		await().atMost(Duration.ofSeconds(10)).until(() -> accessLog.seen.stream()
				.anyMatch(r -> r.requestId().equals(refused.header("X-Request-Id")) && r.status() == 401));
	}

	private static final String REQUESTS = "http_server_requests_seconds_count{error=\"none\",exception=\"none\",";

	/** Counted by the ingest's own metrics, and timed as HTTP server requests under their routes like any other. */
	@Test
	void ingestRequestsAreCountedAsEventsAndTimedUnderTheirRoutes() {
		Project project = newProject("Metrics");
		assertThat(post("/api/" + project.id() + "/store/", "{}", Map.of("X-Sentry-Auth", auth(project.key()))).status())
				.isEqualTo(200);
		ApiClient admin = admin();
		assertThat(admin.get("/api/v1/me").status()).isEqualTo(200);
		// a client may have its answer a moment before the request is timed
		await().untilAsserted(() -> assertThat(
				admin.send("GET", "/actuator/prometheus", null, Map.of("Accept", "text/plain")).body())
				.contains("pledge_errors_ingest_events_total{outcome=\"accepted\"}")
				.contains(REQUESTS + "method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/api/v1/me\"}")
				.contains(REQUESTS + "method=\"POST\",outcome=\"SUCCESS\",status=\"200\",uri=\"/api/{projectId}/store/\"}"));
	}

	@Test
	void otherMethodsOnTheIngestPathsGoToTheSecurityChainAndAreDenied() {
		Project project = newProject("Methods");
		ApiClient.Response get = client().get("/api/" + project.id() + "/envelope/?sentry_key=" + project.key());
		assertThat(get.status()).isEqualTo(401);
		assertThat(client().send("PUT", "/api/" + project.id() + "/store/", Map.of(), Map.of()).status()).isEqualTo(401);
	}

	@Test
	void acceptsTheKeyInTheQueryOrInTheEnvelopesDsn() {
		Project project = newProject("Query");
		String id = eventId();
		Reply byQuery = post("/api/" + project.id() + "/store/?sentry_version=7&sentry_key=" + project.key(),
				"{\"event_id\":\"" + id + "\",\"message\":\"by query\"}", Map.of("Content-Type", "application/json"));
		assertThat(byQuery.status()).as(byQuery.body()).isEqualTo(200);
		assertThat(awaitEvent(id).message()).isEqualTo("by query");

		String second = eventId();
		String envelope = "{\"event_id\":\"" + second + "\",\"dsn\":\"" + project.dsn() + "\"}\n{\"type\":\"event\"}\n"
				+ "{\"message\":\"by dsn\"}\n";
		Reply byDsn = post("/api/" + project.id() + "/envelope/", envelope, Map.of());
		assertThat(byDsn.status()).as(byDsn.body()).isEqualTo(200);
		assertThat(awaitEvent(second).message()).isEqualTo("by dsn");
	}

	@Test
	void acceptsGzipAndDeflateBodies() throws Exception {
		Project project = newProject("Compressed");
		String id = eventId();
		Reply gzipped = post("/api/" + project.id() + "/envelope/",
				gzip(envelope(id, EVENT).getBytes(StandardCharsets.UTF_8)),
				Map.of("Content-Encoding", "gzip", "X-Sentry-Auth", auth(project.key())));
		assertThat(gzipped.status()).as(gzipped.body()).isEqualTo(200);
		assertThat(awaitEvent(id).exceptions()).hasSize(1);

		String second = eventId();
		ByteArrayOutputStream deflated = new ByteArrayOutputStream();
		try (DeflaterOutputStream out = new DeflaterOutputStream(deflated)) {
			out.write(("{\"event_id\":\"" + second + "\",\"message\":\"deflated\"}").getBytes(StandardCharsets.UTF_8));
		}
		Reply reply = post("/api/" + project.id() + "/store/", deflated.toByteArray(),
				Map.of("Content-Encoding", "deflate", "Content-Type", "application/json", "X-Sentry-Auth", auth(project.key())));
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(awaitEvent(second).message()).isEqualTo("deflated");
	}

	@Test
	void acceptsAndDropsItemsThatAreNoErrorEvents() {
		Project project = newProject("Sessions");
		String envelope = "{\"sent_at\":\"2026-05-01T10:00:00Z\"}\n{\"type\":\"session\"}\n{\"sid\":\"abc\",\"status\":\"ok\"}\n"
				+ "{\"type\":\"transaction\"}\n{\"type\":\"transaction\",\"spans\":[]}\n"
				+ "{\"type\":\"client_report\"}\n{\"discarded_events\":[]}\n"
				+ "{\"type\":\"attachment\",\"length\":3,\"filename\":\"x.bin\"}\n\u0001\u0002\u0003\n";
		Reply reply = post("/api/" + project.id() + "/envelope/", envelope, Map.of("X-Sentry-Auth", auth(project.key())));
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.body()).isEqualTo("{}");
	}

	@Test
	void acceptsABrowserSdkPostingFromAnotherSite() {
		Project project = newProject("Browser");
		Reply reply = post("/api/" + project.id() + "/envelope/?sentry_key=" + project.key(), envelope(eventId(), EVENT),
				Map.of("Content-Type", "text/plain;charset=UTF-8", "Origin", "https://shop.example",
						"Sec-Fetch-Site", "cross-site"));
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo("*");
	}

	@Test
	void refusesMissingUnknownRevokedAndForeignKeys() {
		Project project = newProject("Keys");
		Project other = newProject("Other");
		String path = "/api/" + project.id() + "/envelope/";
		String body = envelope(eventId(), EVENT);
		assertThat(post(path, body, Map.of()).status()).as("no key").isEqualTo(401);
		assertThat(post(path, body, Map.of("X-Sentry-Auth", auth("0".repeat(32)))).status()).as("unknown key").isEqualTo(401);
		Reply foreign = post(path, body, Map.of("X-Sentry-Auth", auth(other.key())));
		assertThat(foreign.status()).as("another project's key").isEqualTo(403);
		assertThat(foreign.header("Content-Type")).startsWith("application/problem+json");
		assertThat(post("/api/999999/store/", "{}", Map.of("X-Sentry-Auth", auth(project.key()))).status())
				.as("unknown project").isEqualTo(403);

		ApiClient admin = admin();
		long keyId = admin.get("/api/v1/admin/error-projects").json().valueStream()
				.filter(p -> p.get("id").longValue() == project.id()).findFirst().orElseThrow()
				.get("keys").get(0).get("id").longValue();
		assertThat(admin.delete("/api/v1/admin/error-projects/" + project.id() + "/keys/" + keyId).status()).isEqualTo(204);
		assertThat(post(path, body, Map.of("X-Sentry-Auth", auth(project.key()))).status()).as("revoked").isEqualTo(401);
	}

	@Test
	void refusesBadPayloadsWithClearProblems() {
		Project project = newProject("Bad");
		String envelopePath = "/api/" + project.id() + "/envelope/";
		String storePath = "/api/" + project.id() + "/store/";
		Map<String, String> key = Map.of("X-Sentry-Auth", auth(project.key()));
		Map<String, String> json = Map.of("X-Sentry-Auth", auth(project.key()), "Content-Type", "application/json");
		List<Object[]> cases = List.of(new Object[] { storePath, "{not json", json, 400 },
				new Object[] { storePath, "[1,2]", json, 400 }, new Object[] { storePath, "", json, 400 },
				new Object[] { storePath, "{\"event_id\":\"nope\"}", json, 400 },
				new Object[] { envelopePath, "not an envelope", key, 400 },
				new Object[] { envelopePath, envelope(eventId(), "{broken"), key, 400 },
				new Object[] { envelopePath, "{}\n{\"type\":\"event\",\"length\":500}\n{}", key, 400 },
				new Object[] { storePath, "{}", Map.of("X-Sentry-Auth", auth(project.key()), "Content-Type", "application/xml"), 415 },
				new Object[] { envelopePath, "a=b", Map.of("X-Sentry-Auth", auth(project.key()), "Content-Type",
						"application/x-www-form-urlencoded"), 415 },
				new Object[] { storePath, "{}", Map.of("X-Sentry-Auth", auth(project.key()), "Content-Encoding", "br"), 415 },
				new Object[] { storePath, "{}", Map.of("X-Sentry-Auth", auth(project.key()), "Content-Encoding", "gzip"), 400 },
				new Object[] { "/api/abc/store/", "{}", key, 404 });
		for (Object[] c : cases) {
			@SuppressWarnings("unchecked")
			Reply reply = post((String) c[0], (String) c[1], (Map<String, String>) c[2]);
			assertThat(reply.status()).as(c[0] + " " + c[1] + " " + c[2]).isEqualTo(c[3]);
			assertThat(reply.body()).contains("\"detail\"").doesNotContain("Exception");
		}
	}

	@Test
	void refusesBodiesOverTheLimitsBeforeAndAfterDecompression() {
		Project project = newProject("Large");
		String path = "/api/" + project.id() + "/store/";
		Map<String, String> key = Map.of("X-Sentry-Auth", auth(project.key()), "Content-Type", "application/json");
		String big = "{\"message\":\"" + "x".repeat(200_000) + "\"}";
		assertThat(post(path, big, key).status()).as("200 KB plain: over the site-wide 64 KB, within the ingest's 1 MB")
				.isEqualTo(200);
		assertThat(post(path, "{\"message\":\"" + "x".repeat(1_100_000) + "\"}", key).status()).as("1.1 MB as sent")
				.isEqualTo(413);
		byte[] bomb = gzip(("{\"message\":\"" + "x".repeat(11 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8));
		assertThat(bomb.length).isLessThan(100_000);
		Reply reply = post(path, bomb, Map.of("X-Sentry-Auth", auth(project.key()), "Content-Encoding", "gzip"));
		assertThat(reply.status()).as("11 MB decompressed").isEqualTo(413);
		assertThat(reply.body()).contains("10 MB");
	}

	@Test
	void letsOnlyAdministratorsManageProjects() {
		ApiClient anonymous = client();
		assertThat(anonymous.get("/api/v1/admin/error-projects").status()).isEqualTo(401);
		ApiClient person = client();
		signedInAccount(person);
		assertThat(person.get("/api/v1/admin/error-projects").status()).isEqualTo(403);
		assertThat(person.post("/api/v1/admin/error-projects", Map.of("name", "Mine")).status()).isEqualTo(403);
		assertThat(person.get("/admin/error-projects").status()).isEqualTo(403);
	}

	@Test
	void showsTheKeyOnceAndOnlyItsHintAfterwards() {
		ApiClient admin = admin();
		ApiClient.Response created = admin.post("/api/v1/admin/error-projects", Map.of("name", "Billing Service"));
		assertThat(created.status()).isEqualTo(201);
		String dsn = created.json().get("dsn").stringValue();
		long id = created.json().get("project").get("id").longValue();
		assertThat(dsn).as("built from pledge.base-url").matches("http://[0-9a-f]{32}@localhost(:[0-9]+)?/" + id);
		assertThat(created.json().get("project").get("slug").stringValue()).startsWith("billing-service");
		String key = java.net.URI.create(dsn).getUserInfo();

		String list = admin.get("/api/v1/admin/error-projects").body();
		assertThat(list).contains(key.substring(0, 6)).doesNotContain(key);
		assertThat(admin.get("/admin/error-projects").body()).contains("Billing Service").doesNotContain(key);

		ApiClient.Response rotated = admin.post("/api/v1/admin/error-projects/" + id + "/keys", null);
		assertThat(rotated.status()).isEqualTo(201);
		String newKey = java.net.URI.create(rotated.json().get("dsn").stringValue()).getUserInfo();
		assertThat(newKey).isNotEqualTo(key);
		assertThat(post("/api/" + id + "/store/", "{}", Map.of("X-Sentry-Auth", auth(newKey))).status()).isEqualTo(200);
		assertThat(post("/api/" + id + "/store/", "{}", Map.of("X-Sentry-Auth", auth(key))).status()).isEqualTo(200);

		assertThat(admin.post("/api/v1/admin/error-projects", Map.of("name", "x", "slug", "Not A Slug")).status())
				.isEqualTo(400);
		assertThat(admin.post("/api/v1/admin/error-projects", Map.of("name", " ")).status()).isEqualTo(400);
		String slug = created.json().get("project").get("slug").stringValue();
		assertThat(admin.post("/api/v1/admin/error-projects", Map.of("name", "again", "slug", slug)).status())
				.isEqualTo(409);
		assertThat(admin.post("/api/v1/admin/error-projects/999999/keys", null).status()).isEqualTo(404);
		assertThat(admin.delete("/api/v1/admin/error-projects/" + id + "/keys/999999").status()).isEqualTo(404);
		await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 2); // both keys' events were stored
	}

	private static final Map<String, String> HTML = Map.of("Accept", "text/html");

	private static ApiClient.Response form(ApiClient client, String action, String fields) {
		java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
				.matcher(client.send("GET", "/admin/error-projects", null, HTML).body());
		assertThat(csrf.find()).isTrue();
		return client.send("POST", action, fields + "&_csrf=" + java.net.URLEncoder.encode(csrf.group(1),
				StandardCharsets.UTF_8), Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"));
	}

	@Test
	void administratorsCreateProjectsIssueAndRevokeKeysOnThePageAndTheAuditTrailRecordsIt() {
		ApiClient admin = admin();
		String slug = "page-" + java.util.UUID.randomUUID().toString().substring(0, 8);
		ApiClient.Response created = form(admin, "/admin/error-projects", "name=Invoicing&slug=" + slug);
		assertThat(created.status()).isEqualTo(302);
		String page = admin.send("GET", "/admin/error-projects", null, HTML).body();
		java.util.regex.Matcher dsn = java.util.regex.Pattern.compile("http://([0-9a-f]{32})@[^/<]+/([0-9]+)").matcher(page);
		assertThat(dsn.find()).as("the new DSN, once").isTrue();
		String key = dsn.group(1);
		long id = Long.parseLong(dsn.group(2));
		assertThat(page).contains("Invoicing", slug);
		assertThat(admin.send("GET", "/admin/error-projects", null, HTML).body()).as("not again").doesNotContain(key);
		assertThat(post("/api/" + id + "/store/", "{}", Map.of("X-Sentry-Auth", auth(key))).status()).isEqualTo(200);

		assertThat(form(admin, "/admin/error-projects/" + id + "/keys", "x=1").status()).isEqualTo(302);
		assertThat(admin.send("GET", "/admin/error-projects", null, HTML).body()).containsPattern("http://[0-9a-f]{32}@");
		long keyId = admin.get("/api/v1/admin/error-projects").json().valueStream()
				.filter(p -> p.get("id").longValue() == id).findFirst().orElseThrow().get("keys").get(0).get("id").longValue();
		assertThat(form(admin, "/admin/error-projects/" + id + "/keys/" + keyId + "/revocation", "x=1").status()).isEqualTo(302);
		assertThat(admin.send("GET", "/admin/error-projects", null, HTML).body()).contains("revoked");
		assertThat(post("/api/" + id + "/store/", "{}", Map.of("X-Sentry-Auth", auth(key))).status()).isEqualTo(401);

		assertThat(form(admin, "/admin/error-projects", "name=Again&slug=" + slug).status()).isEqualTo(302);
		assertThat(admin.send("GET", "/admin/error-projects", null, HTML).body()).contains("Another project already uses this slug.");

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql(
				"SELECT action FROM audit_events WHERE target_type = 'error-project' AND target_id = :id")
				.param("id", Long.toString(id)).query(String.class).list())
				.contains("error-project.created", "error-project.key-issued", "error-project.key-revoked"));
	}
}
