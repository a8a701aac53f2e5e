package eu.pledge.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import eu.pledge.testing.People;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;
import tools.jackson.databind.JsonNode;

/**
 * What the tests of input no database can store share: the values (text and instants), a platform
 * administrator, an organisation with a contract, an issue of the error tracker, and reading the field a
 * refusal names. Text values that must be refused are NUL and halves of surrogate pairs; a right-to-left mark
 * must be accepted; 70,000 characters are more than any body Pledge takes.
 */
abstract class StorableInputFixture extends HttpTest {

	static final Map<String, String> REFUSED_TEXT = Map.of("NUL", "a\u0000b", "a lone high surrogate", "a\ud800b",
			"a lone low surrogate", "\udc00b", "a control character", "a\u0007b");
	static final String RIGHT_TO_LEFT = "\u200f\u05e9\u05dc\u05d5\u05dd\u200f";
	static final String HUGE = "x".repeat(70_000);
	static final List<String> REFUSED_INSTANTS = List.of("+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
			"+300000-01-01T00:00:00Z", "-4800-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "+10000-01-01T00:00:00Z");
	/** Instants Java itself cannot read: refused as unreadable, still naming the field. */
	static final List<String> UNREADABLE_INSTANTS = List.of("+1000000001-01-01T00:00:00Z", "2026-13-45T99:00:00Z");

	@Autowired
	JdbcClient jdbc;

	/** A signed-in platform administrator (promoted before signing in, as the set-up link would). */
	ApiClient admin() {
		ApiClient client = client();
		String email = randomEmail();
		People.registerAndVerify(client, mailbox, email);
		jdbc.sql("UPDATE accounts SET roles = 'ADMIN' WHERE id = :id").param("id", UUID.fromString(idOf(client, email)))
				.update();
		People.signIn(client, email, People.PASSWORD);
		return client;
	}

	private static String idOf(ApiClient client, String email) {
		People.signIn(client, email, People.PASSWORD);
		String id = client.get("/api/v1/me").json().get("id").asString();
		client.delete("/api/v1/session");
		client.forgetCookies();
		return id;
	}

	String organization(ApiClient admin) {
		ApiClient.Response created = admin.post("/api/v1/admin/organizations",
				Map.of("name", "Acme " + UUID.randomUUID().toString().substring(0, 8)));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	String contract(ApiClient admin, String organization) {
		Instant now = clock.instant();
		ApiClient.Response created = admin.post("/api/v1/admin/organizations/" + organization + "/contracts",
				Map.of("startsAt", now.minus(Duration.ofDays(1)).toString(), "endsAt", now.plus(Duration.ofDays(30)).toString(),
						"seats", 5, "systems", Map.of("crm", "editor")));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	/** An issue of a fresh error project, reported through the Sentry ingest as another system would. */
	long issue(ApiClient admin) {
		ApiClient.Response project = admin.post("/api/v1/admin/error-projects",
				Map.of("name", "Shop", "slug", "s-" + UUID.randomUUID().toString().substring(0, 8)));
		assertThat(project.status()).as(project.body()).isEqualTo(201);
		long id = project.json().get("project").get("id").longValue();
		String key = URI.create(project.json().get("dsn").asString()).getUserInfo();
		ApiClient.Response sent = client().send("POST", "/api/" + id + "/store/", "{\"message\":\"checkout failed\"}",
				Map.of("X-Sentry-Auth", "Sentry sentry_version=7, sentry_key=" + key));
		assertThat(sent.status()).as(sent.body()).isEqualTo(200);
		return await().atMost(Duration.ofSeconds(20)).until(() -> {
			List<JsonNode> issues = admin.get("/api/v1/admin/issues?status=all&project=" + id).json().valueStream().toList();
			return issues.isEmpty() ? null : issues.get(0).get("id").longValue();
		}, java.util.Objects::nonNull);
	}

	/**
	 * {@code body} as JSON with every character beyond ASCII escaped ({@code \\ud800}): sent as UTF-8 text, half
	 * of a surrogate pair would arrive as {@code ?}, but an escape reaches the parser as the broken character.
	 */
	static String json(Object body) {
		return ESCAPING.writeValueAsString(body);
	}

	private static final tools.jackson.databind.json.JsonMapper ESCAPING = tools.jackson.databind.json.JsonMapper.builder()
			.enable(tools.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII).build();

	/** The fields a problem response names. */
	static List<String> fields(ApiClient.Response response) {
		List<String> fields = new ArrayList<>();
		JsonNode errors = response.json().get("errors");
		if (errors != null) {
			errors.forEach(error -> fields.add(error.get("field").asString()));
		}
		return fields;
	}

	/** {@code base} with {@code path} (dotted for nested objects) set to {@code value}. */
	@SuppressWarnings("unchecked")
	static Map<String, Object> with(Map<String, Object> base, String path, Object value) {
		Map<String, Object> copy = deepCopy(base);
		Map<String, Object> target = copy;
		String[] parts = path.split("\\.");
		for (int i = 0; i < parts.length - 1; i++) {
			target = (Map<String, Object>) target.get(parts[i]);
		}
		target.put(parts[parts.length - 1], value);
		return copy;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> deepCopy(Map<String, Object> map) {
		Map<String, Object> copy = new LinkedHashMap<>();
		map.forEach((key, value) -> copy.put(key, value instanceof Map<?, ?> nested ? deepCopy((Map<String, Object>) nested) : value));
		return copy;
	}

	static final Map<String, String> HTML = Map.of("Accept", "text/html");

	static ApiClient.Response page(ApiClient client, String path) {
		return client.send("GET", path, null, HTML);
	}

	/** Posts a form of {@code page} with the page's CSRF token, as a browser would. */
	static ApiClient.Response form(ApiClient client, String page, String action, Map<String, String> fields) {
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page(client, page).body());
		assertThat(csrf.find()).as("a form on " + page).isTrue();
		StringBuilder body = new StringBuilder("_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8));
		fields.forEach((name, value) -> body.append('&').append(name).append('=')
				.append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
		return client.send("POST", action, body.toString(),
				Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"));
	}
}
