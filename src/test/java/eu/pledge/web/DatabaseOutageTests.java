package eu.pledge.web;

import static eu.pledge.testing.People.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import eu.pledge.testing.ApiClient;

/**
 * While the database cannot be reached, every request that needs it is refused at once with 503, a
 * {@code Retry-After} and Pledge's problem (or error page), never a 500 after a long wait; health says DOWN;
 * and when the database is back everything works again, sessions included, without a restart. Issue 11.
 */
class DatabaseOutageTests extends FaultTest {

	/** Hikari's connection timeout, plus a margin for a loaded machine. */
	private static final Duration QUICKLY = Duration.ofMillis(CONNECTION_TIMEOUT_MILLIS).plusSeconds(4);

	@Test
	void anOutageIsA503UntilTheDatabaseIsBack() throws InterruptedException {
		ApiClient person = client();
		signedInAccount(person);
		assertThat(person.get("/api/v1/me").status()).isEqualTo(200);

		database.cutOff();
		// What the node read a moment ago (the session, the profile) serves for up to pledge.*.recheck-after (1 s)
		Thread.sleep(1100);

		ApiClient.Response me = timed(() -> person.get("/api/v1/me"));
		assertUnavailable(me);
		FailureResponsesTests.assertProblem(me, 503);
		ApiClient.Response page = timed(() -> person.send("GET", "/account", null, Map.of("Accept", "text/html")));
		assertUnavailable(page);
		FailureResponsesTests.assertPage(page, "briefly unavailable");
		ApiClient.Response signIn = timed(() -> client().post("/api/v1/session",
				Map.of("email", "someone@example.org", "password", PASSWORD)));
		assertUnavailable(signIn);
		FailureResponsesTests.assertProblem(signIn, 503);
		ApiClient.Response health = timed(() -> client().get("/actuator/health"));
		assertThat(health.status()).isEqualTo(503);
		assertThat(health.body()).contains("DOWN");

		database.restore();

		await().atMost(Duration.ofSeconds(30)).until(() -> person.get("/api/v1/me").status() == 200);
		assertThat(client().get("/actuator/health").body()).contains("UP");
		assertThat(person.send("GET", "/account", null, Map.of("Accept", "text/html")).status()).isEqualTo(200);
	}

	private static void assertUnavailable(ApiClient.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(503);
		assertThat(response.header("Retry-After")).as("Retry-After").matches("[1-9][0-9]*");
	}

	private static ApiClient.Response timed(Supplier<ApiClient.Response> request) {
		long start = System.nanoTime();
		ApiClient.Response response = request.get();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answered within").isLessThan(QUICKLY);
		return response;
	}
}
