package eu.pledge.errors.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.springframework.test.context.TestPropertySource;

import eu.pledge.testing.People;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;

/** The ingest tests' context: a bootstrap administrator who creates projects, and a raw HTTP client for SDK-like posts. */
@TestPropertySource(properties = { "pledge.bootstrap.admin-email=" + IngestHttpTest.ADMIN,
		"pledge.bootstrap.admin-password=" + IngestHttpTest.ADMIN_PASSWORD })
abstract class IngestHttpTest extends HttpTest {

	static final String ADMIN = "errors-admin@pledge.example";
	static final String ADMIN_PASSWORD = "the error tracker administrators passphrase";

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	record Project(long id, String key, String dsn) {
	}

	record Reply(int status, String body, HttpResponse<String> response) {

		String header(String name) {
			return response.headers().firstValue(name).orElse(null);
		}
	}

	ApiClient admin() {
		ApiClient admin = client();
		assertThat(People.signIn(admin, ADMIN, ADMIN_PASSWORD).status()).isEqualTo(200);
		return admin;
	}

	Project newProject(String name) {
		ApiClient.Response created = admin().post("/api/v1/admin/error-projects", Map.of("name", name,
				"slug", "p-" + java.util.UUID.randomUUID().toString().substring(0, 8)));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String dsn = created.json().get("dsn").stringValue();
		long id = created.json().get("project").get("id").longValue();
		return new Project(id, URI.create(dsn).getUserInfo(), dsn);
	}

	static String auth(String key) {
		return "Sentry sentry_version=7, sentry_client=pledge-tests/1.0, sentry_key=" + key;
	}

	static String envelope(String eventId, String eventJson) {
		return "{\"event_id\":\"" + eventId + "\",\"sent_at\":\"2026-05-01T10:00:00Z\"}\n"
				+ "{\"type\":\"event\",\"content_type\":\"application/json\",\"length\":"
				+ eventJson.getBytes(StandardCharsets.UTF_8).length + "}\n" + eventJson + "\n";
	}

	static String eventId() {
		return java.util.UUID.randomUUID().toString().replace("-", "");
	}

	Reply post(String path, byte[] body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
		headers.forEach(request::header);
		try {
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Reply(response.statusCode(), response.body(), response);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	Reply post(String path, String body, Map<String, String> headers) {
		return post(path, body.getBytes(StandardCharsets.UTF_8), headers);
	}

	static byte[] gzip(byte[] data) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
			zip.write(data);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return out.toByteArray();
	}
}
