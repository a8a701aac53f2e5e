package eu.pledge.errors.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import eu.pledge.testing.ApiClient;
import io.sentry.Sentry;
import io.sentry.SentryOptions;
import tools.jackson.databind.JsonNode;

/**
 * The real Sentry Java SDK, pointed at Pledge, reports errors that end up grouped in the tracker: the
 * end-to-end proof that the ingest speaks Sentry's protocol.
 */
@TestPropertySource(properties = "pledge.errors.ingest.events-per-minute=" + SentrySdkTests.PER_MINUTE)
class SentrySdkTests extends IngestHttpTest {

	static final int PER_MINUTE = 5;

	@AfterEach
	void closeSdk() {
		Sentry.close();
	}

	@Test
	void groupsTwoIdenticalExceptionsFromTheSentrySdkIntoOneIssue() {
		Project project = newProject("Billing");
		String dsn = "http://" + project.key() + "@127.0.0.1:" + port + "/" + project.id();
		Sentry.init(options -> {
			options.setDsn(dsn);
			options.setRelease("billing@3.1.4");
			options.setEnvironment("staging");
			options.setEnableUncaughtExceptionHandler(false);
			options.setSendClientReports(false);
			options.setEnableAutoSessionTracking(false);
			options.setShutdownTimeoutMillis(5_000);
		});
		for (int i = 0; i < 2; i++) {
			Sentry.captureException(invoiceFailure(1000 + i));
		}
		Sentry.flush(10_000);

		ApiClient admin = admin();
		JsonNode issue = await().atMost(Duration.ofSeconds(20)).until(() -> {
			List<JsonNode> issues = admin.get("/api/v1/admin/issues?status=all&project=" + project.id()).json()
					.valueStream().toList();
			return issues.size() == 1 && issues.get(0).get("eventCount").longValue() == 2 ? issues.get(0) : null;
		}, java.util.Objects::nonNull);
		assertThat(issue.get("projectId").longValue()).isEqualTo(project.id());
		assertThat(issue.get("title").stringValue()).contains("IllegalStateException");
		assertThat(issue.get("lastRelease").stringValue()).isEqualTo("billing@3.1.4");
	}

	@Test
	void refusesEventsOverTheProjectsRateWith429AndSentrysRateLimitHeader() {
		Project project = newProject("Chatty");
		String path = "/api/" + project.id() + "/store/";
		java.util.Map<String, String> key = java.util.Map.of("X-Sentry-Auth", auth(project.key()),
				"Content-Type", "application/json");
		clock.set(java.time.Instant.parse("2026-05-01T10:00:05Z"));
		for (int i = 0; i < PER_MINUTE; i++) {
			assertThat(post(path, "{\"message\":\"chatty\"}", key).status()).isEqualTo(200);
		}
		Reply refused = post(path, "{\"message\":\"chatty\"}", key);
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.header("Retry-After")).isEqualTo("55");
		assertThat(refused.header("X-Sentry-Rate-Limits")).isEqualTo("55:error;default:project:project_quota");
		assertThat(refused.body()).contains("\"detail\"");

		Project quiet = newProject("Quiet");
		assertThat(post("/api/" + quiet.id() + "/store/", "{}", java.util.Map.of("X-Sentry-Auth", auth(quiet.key())))
				.status()).as("the limit is per project").isEqualTo(200);
		assertThat(post("/api/" + project.id() + "/envelope/", "{}\n{\"type\":\"session\"}\n{}\n",
				java.util.Map.of("X-Sentry-Auth", auth(project.key()))).status()).as("no events, nothing counted")
				.isEqualTo(200);

		clock.advance(Duration.ofSeconds(55));
		assertThat(post(path, "{\"message\":\"chatty\"}", key).status()).as("the next minute").isEqualTo(200);
	}

	/** The same exception from the same place each time: one bug. */
	private static IllegalStateException invoiceFailure(int invoice) {
		return new IllegalStateException("Invoice " + invoice + " could not be sent",
				new java.io.IOException("connection reset"));
	}
}
