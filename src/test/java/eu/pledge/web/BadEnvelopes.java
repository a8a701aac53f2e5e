package eu.pledge.web;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Bad input for the Sentry ingest ({@code docs/ERRORS-INGEST.md}): envelopes whose header, item headers and
 * lengths lie or are no JSON, and events of the wrong shape, with odd values, deeply nested or malformed.
 * Everything comes from one {@link Random}, so a seed replays a run.
 */
final class BadEnvelopes {

	static final List<String> EVENTS = List.of("{}", "[]", "null", "\"text\"", "{", "{\"message\":", "\u0000",
			"{\"message\":\"a\\u0000b\"}", "{\"message\":\"\\ud800\"}", "{\"message\":\"\u200f\u05e9\u200f\"}",
			"{\"message\":\"" + "x".repeat(70_000) + "\"}", "{\"timestamp\":1e308}", "{\"timestamp\":-1e308}",
			"{\"timestamp\":\"+999999999-12-31T23:59:59Z\"}", "{\"timestamp\":\"nonsense\"}", "{\"timestamp\":[]}",
			"{\"event_id\":\"zz\"}", "{\"event_id\":\"" + "f".repeat(1000) + "\"}", "{\"event_id\":5}",
			"{\"exception\":{\"values\":[{\"type\":null,\"stacktrace\":{\"frames\":\"x\"}}]}}",
			"{\"exception\":{\"values\":null}}", "{\"exception\":[1,2]}", "{\"exception\":{\"values\":[null]}}",
			"{\"exception\":{\"values\":[{\"stacktrace\":{\"frames\":[{\"lineno\":\"x\",\"in_app\":\"yes\",\"function\":{}}]}}]}}",
			"{\"level\":5}", "{\"level\":\"\\u0000\"}", "{\"tags\":[[1,2,3]]}", "{\"tags\":{\"a\":{\"b\":1}}}", "{\"user\":\"x\"}",
			"{\"user\":{\"id\":[],\"ip_address\":\"999.1.1.1\"}}", "{\"breadcrumbs\":{\"values\":[null]}}",
			"{\"request\":{\"headers\":\"x\",\"url\":5,\"method\":{}}}", "{\"message\":{\"formatted\":1}}",
			"{\"logentry\":{\"message\":null,\"params\":{}}}", "{\"release\":\"" + "r".repeat(5000) + "\"}",
			"{\"environment\":[],\"server_name\":{},\"transaction\":1}", "{\"extra\":" + "[".repeat(2000) + "]".repeat(2000) + "}",
			"{\"contexts\":" + "{\"a\":".repeat(2000) + "1" + "}".repeat(2000) + "}", "{\"message\":1e999999}",
			"{\"message\":\"boom\"}");

	static final List<String> ENVELOPE_HEADERS = List.of("{}", "{\"event_id\":\"zz\"}", "not json", "[]", "\"\"", "",
			"{\"event_id\":\"" + "f".repeat(70_000) + "\"}", "{\"sent_at\":\"+999999999-12-31T23:59:59Z\"}",
			"{\"dsn\":\"http://nokey@localhost/1\"}", "{\"dsn\":5}", "{\"dsn\":\"\\u0000\"}");

	static final List<String> KEYS = List.of("", "0".repeat(32), "x".repeat(1000), "%00", "null", "sentry_key=");

	private final Random random;

	BadEnvelopes(Random random) {
		this.random = random;
	}

	String event() {
		return pick(EVENTS);
	}

	String envelope(String dsn) {
		String header = random.nextInt(4) == 0 ? pick(ENVELOPE_HEADERS)
				: "{\"event_id\":\"" + UUID.randomUUID().toString().replace("-", "") + "\",\"dsn\":\"" + dsn + "\"}";
		int items = random.nextInt(10) == 0 ? 200 : random.nextInt(4);
		StringBuilder envelope = new StringBuilder(header);
		for (int i = 0; i < items; i++) {
			String payload = event();
			envelope.append('\n').append(itemHeader(payload)).append('\n').append(payload);
		}
		if (random.nextBoolean()) {
			envelope.append('\n');
		}
		return envelope.toString();
	}

	private String itemHeader(String payload) {
		int length = payload.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
		return pick(List.of("{\"type\":\"event\"}", "{\"type\":\"event\",\"length\":" + length + "}",
				"{\"type\":\"event\",\"length\":99999999}", "{\"type\":\"event\",\"length\":-1}",
				"{\"type\":\"event\",\"length\":\"x\"}", "{\"type\":\"event\",\"length\":1e30}",
				"{\"type\":\"event\",\"length\":" + (length + 7) + "}", "{\"type\":\"event\",\"length\":0}",
				"{\"type\":\"attachment\",\"length\":5}", "{\"type\":5}", "{}", "[]", "not json", ""));
	}

	/** Headers for one request: an auth way with {@code key} or a bad one, a content type, a false encoding. */
	Map<String, String> headers(String key) {
		Map<String, String> headers = new java.util.LinkedHashMap<>();
		String used = random.nextBoolean() ? key : pick(KEYS);
		switch (random.nextInt(3)) {
			case 0 -> headers.put("X-Sentry-Auth", "Sentry sentry_version=7, sentry_key=" + used);
			case 1 -> headers.put("Authorization", pick(List.of("Sentry sentry_key=" + used, "Bearer " + used, "Sentry")));
			default -> {
			}
		}
		headers.put("Content-Type", pick(List.of("application/x-sentry-envelope", "application/json", "text/plain",
				"application/octet-stream", "application/x-www-form-urlencoded", "multipart/form-data")));
		if (random.nextInt(6) == 0) {
			headers.put("Content-Encoding", pick(List.of("gzip", "deflate", "br", "identity, gzip")));
		}
		return headers;
	}

	String query(String key) {
		return switch (random.nextInt(3)) {
			case 0 -> "?sentry_key=" + (random.nextBoolean() ? key : pick(KEYS)) + "&sentry_version=7";
			case 1 -> "?sentry_key=%ED%A0%80&sentry_key=" + key;
			default -> "";
		};
	}

	<T> T pick(List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	/** Mostly the real project, so that most cases reach the parser; else an odd id. */
	String projectId(String real) {
		return random.nextInt(4) > 0 ? real : pick(BadInputGenerator.ODD_IDS);
	}
}
