package eu.pledge.errors.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import eu.pledge.errors.tracker.ErrorEvent;
import eu.pledge.shared.Rejected;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Sentry's event JSON as the SDKs send it becomes the {@link ErrorEvent} the tracker stores. */
class SentryEventsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

	private static ErrorEvent parse(String json) {
		return SentryEvents.parse(JSON.readTree(json), null, 7, NOW);
	}

	private static JsonNode read(String json) {
		byte[] bytes = ("  " + json + "  ").getBytes(StandardCharsets.UTF_8);
		return SentryEvents.read(JSON, bytes, 2, bytes.length - 4);
	}

	@Test
	void readsOnlyTheMembersItTakesAndSkipsWhatSdksSendBesides() {
		JsonNode event = read("""
				{"event_id": "0123456789abcdef0123456789abcdef", "contexts": {"os": {"name": "Linux"}},
				 "breadcrumbs": {"values": [{"message": "clicked", "data": {"x": [1, 2, {"y": null}]}}]},
				 "user": {"id": "u-1", "email": "someone@example.org"}, "modules": {"a": "1"}, "level": "warning",
				 "extra": "\u00e9t\u00e9", "tags": [["k", "v"]]}
				""");
		assertThat(event.propertyNames()).containsExactlyInAnyOrder("event_id", "user", "level", "tags");
		assertThat(event.get("user").get("id").stringValue()).isEqualTo("u-1");
		ErrorEvent parsed = SentryEvents.parse(event, null, 7, NOW);
		assertThat(parsed.level()).isEqualTo("warning");
		assertThat(parsed.tags()).containsEntry("k", "v");
		assertThat(SentryEvents.TAKEN).as("every member parse reads").containsAll(List.of("exception", "logentry",
				"message", "fingerprint", "request", "timestamp", "release", "environment", "server_name", "platform"));
	}

	@Test
	void refusesWhatIsNoJsonWhileReadingAndLeavesOtherValuesToParse() {
		for (String bad : new String[] { "{not json", "{\"a\": 1", "{\"a\": [1,}", "{} {}", "{\"tags\": {} } x" }) {
			assertThatThrownBy(() -> read(bad)).as(bad).isInstanceOfSatisfying(Rejected.class,
					ex -> assertThat(ex.status()).isEqualTo(HttpStatus.BAD_REQUEST));
		}
		assertThat(read("[1, 2]").isArray()).isTrue();
		assertThatThrownBy(() -> SentryEvents.parse(read("[1, 2]"), null, 7, NOW)).isInstanceOf(Rejected.class);
		assertThatThrownBy(() -> SentryEvents.parse(read(""), null, 7, NOW)).isInstanceOf(Rejected.class);
	}

	@Test
	void takesTheExceptionChainOutermostFirstWithFramesInSentrysOrder() {
		ErrorEvent event = parse("""
				{"event_id": "0123456789ABCDEF0123456789abcdef", "level": "error", "platform": "java",
				 "timestamp": 1777629600.25, "release": "billing@1.2", "environment": "staging", "server_name": "node-1",
				 "exception": {"values": [
				   {"type": "SQLException", "module": "java.sql", "value": "connection lost",
				    "stacktrace": {"frames": [{"module": "com.zaxxer.Pool", "function": "get", "filename": "Pool.java", "lineno": 3, "in_app": false}]}},
				   {"type": "IllegalStateException", "module": "java.lang", "value": "order 42 failed",
				    "stacktrace": {"frames": [
				      {"module": "java.lang.Thread", "function": "run", "lineno": 840},
				      {"module": "com.acme.Orders", "function": "place", "filename": "Orders.java", "lineno": 17, "in_app": true}]}}]}}
				""");
		assertThat(event.eventId()).isEqualTo("0123456789abcdef0123456789abcdef");
		assertThat(event.projectId()).isEqualTo(7);
		assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-05-01T10:00:00.250Z"));
		assertThat(event.exceptions()).extracting(ErrorEvent.ExceptionInfo::type)
				.containsExactly("java.lang.IllegalStateException", "java.sql.SQLException");
		assertThat(event.exceptions().get(0).value()).isEqualTo("order 42 failed");
		assertThat(event.exceptions().get(0).frames()).containsExactly(
				new ErrorEvent.Frame("java.lang.Thread", "run", null, 840, false),
				new ErrorEvent.Frame("com.acme.Orders", "place", "Orders.java", 17, true));
		assertThat(event.release()).isEqualTo("billing@1.2");
		assertThat(event.environment()).isEqualTo("staging");
		assertThat(event.serverName()).isEqualTo("node-1");
		assertThat(event.platform()).isEqualTo("java");
	}

	@Test
	void readsLogentryAsFormattedMessageAndTemplate() {
		ErrorEvent event = parse("""
				{"logentry": {"message": "Order %s failed", "formatted": "Order 42 failed", "params": ["42"]}}""");
		assertThat(event.message()).isEqualTo("Order 42 failed");
		assertThat(event.messageTemplate()).isEqualTo("Order %s failed");
		assertThat(parse("{\"message\": \"plain text\"}").message()).isEqualTo("plain text");
		assertThat(parse("{\"message\": \"plain text\"}").messageTemplate()).isNull();
		assertThat(parse("{\"message\": {\"formatted\": \"done\"}}").message()).isEqualTo("done");
	}

	@Test
	void keepsOnlyTheUserIdAndTheRequestsMethodAndPath() {
		ErrorEvent event = parse("""
				{"user": {"id": "u-17", "email": "ann@example.org", "ip_address": "198.51.100.7", "username": "ann"},
				 "request": {"method": "post", "url": "https://shop.example/orders/42?card=4111#x", "query_string": "card=4111",
				   "cookies": "session=abc", "headers": {"X-Request-Id": "req-9", "Authorization": "Bearer s3cret"}, "data": {"pw": "x"}},
				 "tags": {"region": "eu", "count": 3}}""");
		assertThat(event.accountId()).isEqualTo("u-17");
		assertThat(event.request()).isEqualTo(new ErrorEvent.RequestInfo("POST", "/orders/42", "req-9"));
		assertThat(event.tags()).containsEntry("region", "eu").containsEntry("count", "3").hasSize(2);
		assertThat(event.toString()).doesNotContain("ann", "198.51", "s3cret");
	}

	@Test
	void acceptsTagsAsPairsAndAnExplicitFingerprint() {
		ErrorEvent event = parse("""
				{"tags": [["a", "1"], ["b", "2"], ["broken"]], "fingerprint": ["payment", "{{ default }}"]}""");
		assertThat(event.tags()).containsEntry("a", "1").containsEntry("b", "2").hasSize(2);
		assertThat(event.fingerprint()).containsExactly("payment", "{{ default }}");
		assertThat(parse("{\"fingerprint\": [\"{{ default }}\"]}").fingerprint()).isEmpty();
	}

	@Test
	void defaultsWhatIsMissingLikeSentry() {
		ErrorEvent event = parse("{}");
		assertThat(event.eventId()).hasSize(32).matches("[0-9a-f]{32}");
		assertThat(event.timestamp()).isEqualTo(NOW);
		assertThat(event.level()).isEqualTo("error");
		assertThat(event.environment()).isEqualTo("production");
		assertThat(event.platform()).isEqualTo("other");
		assertThat(event.exceptions()).isEmpty();
		assertThat(event.request()).isNull();
		assertThat(event.accountId()).isNull();
	}

	@Test
	void readsTimestampsAsSecondsOrIsoAndFallsBackToNow() {
		assertThat(parse("{\"timestamp\": \"2026-04-30T08:00:00.5Z\"}").timestamp())
				.isEqualTo(Instant.parse("2026-04-30T08:00:00.500Z"));
		assertThat(parse("{\"timestamp\": \"2026-04-30T08:00:00\"}").timestamp())
				.isEqualTo(Instant.parse("2026-04-30T08:00:00Z"));
		assertThat(parse("{\"timestamp\": \"2026-04-30T10:00:00+02:00\"}").timestamp())
				.isEqualTo(Instant.parse("2026-04-30T08:00:00Z"));
		assertThat(parse("{\"timestamp\": 1777536000}").timestamp()).isEqualTo(Instant.parse("2026-04-30T08:00:00Z"));
		assertThat(parse("{\"timestamp\": \"yesterday\"}").timestamp()).isEqualTo(NOW);
		assertThat(parse("{\"timestamp\": -5}").timestamp()).isEqualTo(NOW);
		assertThat(parse("{\"timestamp\": {}}").timestamp()).isEqualTo(NOW);
	}

	@Test
	void mapsLevelsToSentrysFive() {
		assertThat(List.of("fatal", "ERROR", "warn", "warning", "info", "debug", "critical", "nonsense"))
				.map(SentryEvents::level)
				.containsExactly("fatal", "error", "warning", "warning", "info", "debug", "fatal", "error");
	}

	@Test
	void cutsOversizedValuesAndDeepStacks() {
		String frames = "{\"function\": \"f\"},".repeat(400);
		ErrorEvent event = parse("{\"message\": \"" + "m".repeat(20_000) + "\", \"exception\": {\"values\": [{\"type\": \"E\", "
				+ "\"stacktrace\": {\"frames\": [" + frames + "{\"function\": \"innermost\"}]}}]}}");
		assertThat(event.message()).hasSize(SentryEvents.MAX_TEXT);
		assertThat(event.exceptions().get(0).frames()).hasSize(SentryEvents.MAX_FRAMES);
		assertThat(event.exceptions().get(0).frames().get(SentryEvents.MAX_FRAMES - 1).function()).isEqualTo("innermost");
	}

	@Test
	void ignoresValuesOfTheWrongShape() {
		ErrorEvent event = parse("""
				{"exception": {"values": [5, {"type": ["x"], "stacktrace": {"frames": [7, {"lineno": "twelve", "in_app": "yes"}]}}]},
				 "user": "someone", "request": [], "tags": "x", "fingerprint": "y", "level": 3, "release": {}}""");
		assertThat(event.exceptions()).hasSize(1);
		assertThat(event.exceptions().get(0).type()).isNull();
		assertThat(event.exceptions().get(0).frames()).containsExactly(new ErrorEvent.Frame(null, null, null, null, false));
		assertThat(event.level()).isEqualTo("error");
		assertThat(event.release()).isNull();
	}

	@Test
	void refusesANonObjectOrABadEventId() {
		assertThatThrownBy(() -> parse("[1]")).isInstanceOfSatisfying(Rejected.class,
				ex -> assertThat(ex.status()).isEqualTo(HttpStatus.BAD_REQUEST));
		assertThatThrownBy(() -> parse("{\"event_id\": \"not-an-id\"}")).isInstanceOfSatisfying(Rejected.class,
				ex -> assertThat(ex.field()).isEqualTo("event_id"));
		assertThat(parse("{\"event_id\": \"0123e456-7890-abcd-ef01-23456789abcd\"}").eventId())
				.isEqualTo("0123e4567890abcdef0123456789abcd");
	}

	@Test
	void readsEnvelopesWithAndWithoutItemLengths() {
		String event = "{\"message\":\"hi\"}";
		String envelope = "{\"event_id\":\"0123456789abcdef0123456789abcdef\",\"dsn\":\"http://k@h/7\"}\n"
				+ "{\"type\":\"event\",\"length\":" + event.length() + "}\n" + event + "\n"
				+ "{\"type\":\"session\"}\n{\"sid\":\"x\"}\n"
				+ "{\"type\":\"attachment\",\"length\":5,\"filename\":\"a.txt\"}\nab\ncd\n";
		Envelopes.Envelope read = Envelopes.read(JSON, envelope.getBytes(StandardCharsets.UTF_8));
		assertThat(read.header().get("dsn").stringValue()).isEqualTo("http://k@h/7");
		assertThat(read.items()).extracting(Envelopes.Item::type).containsExactly("event", "session", "attachment");
		Envelopes.Item first = read.items().get(0);
		JsonNode payload = JSON.readTree(first.body(), first.offset(), first.length());
		assertThat(payload.get("message").stringValue()).isEqualTo("hi");
		assertThat(read.items().get(2).length()).isEqualTo(5);
	}

	@Test
	void refusesAnEnvelopeThatIsNoEnvelope() {
		for (String body : List.of("", "not json\n", "{}\n{\"type\":\"event\",\"length\":999}\n{}", "{}\n[1]\n")) {
			assertThatThrownBy(() -> Envelopes.read(JSON, body.getBytes(StandardCharsets.UTF_8)))
					.as(body).isInstanceOfSatisfying(Rejected.class,
							ex -> assertThat(ex.status()).isEqualTo(HttpStatus.BAD_REQUEST));
		}
	}

	@Test
	void findsTheKeyInAuthHeadersQueriesAndDsns() {
		assertThat(SentryAuth.fromHeader("Sentry sentry_version=7, sentry_client=sentry.java/8, sentry_key=abc123"))
				.isEqualTo("abc123");
		assertThat(SentryAuth.fromHeader("Sentry sentry_key=abc123,sentry_version=7")).isEqualTo("abc123");
		assertThat(SentryAuth.fromHeader("Bearer abc")).isNull();
		assertThat(SentryAuth.fromQuery("sentry_version=7&sentry_key=k%31")).isEqualTo("k1");
		assertThat(SentryAuth.keyOfDsn("https://pub:secret@pledge.example/7")).isEqualTo("pub");
		assertThat(SentryAuth.keyOfDsn("https://pledge.example/7")).isNull();
		assertThat(SentryAuth.keyOfDsn("::nonsense")).isNull();
	}

	@Test
	void makesSlugsOfNames() {
		assertThat(ProjectKeys.slugOf("Billing Service (EU)")).isEqualTo("billing-service-eu");
		assertThat(ProjectKeys.slugOf("Zürich ÄÖ")).isEqualTo("zurich-ao");
		assertThat(ProjectKeys.slugOf("!!!")).isEqualTo("project");
	}
}
