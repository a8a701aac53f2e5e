package eu.pledge.serverlogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.AtOnce;
import eu.pledge.testing.HttpTest;

/** The {@code http.server.requests} timer as the running application records it. */
class RequestTimersHttpTests extends HttpTest {

	@Autowired
	MeterRegistry registry;

	@Test
	void fortyRequestsAtOnceAreEachTimedOnceUnderTheirRoute() throws Exception {
		ApiClient client = client();
		signedInAccount(client);
		long before = count("GET", "/api/v1/me", "200");
		double secondsBefore = seconds("GET", "/api/v1/me", "200");
		assertThat(AtOnce.times(40, () -> client.get("/api/v1/me").status())).containsOnly(200);
		// a client may have its answer a moment before the filter records it
		await().until(() -> count("GET", "/api/v1/me", "200") - before >= 40);
		assertThat(count("GET", "/api/v1/me", "200") - before).isEqualTo(40);
		assertThat(seconds("GET", "/api/v1/me", "200")).isGreaterThan(secondsBefore);
		Timer timer = timer("GET", "/api/v1/me", "200");
		assertThat(timer.getId().getTag("outcome")).isEqualTo("SUCCESS");
		assertThat(timer.getId().getTag("exception")).isEqualTo("none");
		assertThat(timer.getId().getTag("error")).isEqualTo("none");
	}

	@Test
	void requestsNoRouteAnsweredAreTimedByWhatHappened() {
		ApiClient client = client();
		long refused = count("GET", "UNKNOWN", "401");
		assertThat(client.get("/api/v1/me").status()).isEqualTo(401); // the security chain refuses before any route
		await().until(() -> count("GET", "UNKNOWN", "401") - refused >= 1);
		assertThat(count("GET", "UNKNOWN", "401") - refused).isEqualTo(1);
		assertThat(timer("GET", "UNKNOWN", "401").getId().getTag("outcome")).isEqualTo("CLIENT_ERROR");
	}

	@Test
	void anInventedMethodAddsNoSeriesOfItsOwn() {
		ApiClient client = client();
		int answered = client.send("BREW", "/api/v1/me", null, java.util.Map.of()).status();
		assertThat(answered).isBetween(400, 499);
		await().until(() -> !registry.find(RequestTimers.NAME).tag("method", "UNKNOWN")
				.tag("status", Integer.toString(answered)).timers().isEmpty());
		assertThat(registry.find(RequestTimers.NAME).tag("method", "BREW").timers()).isEmpty();
	}

	/** Answered by the authorization server's filters, not by a controller, and named all the same. */
	@Test
	void theSingleSignOnEndpointsAreTimedUnderTheirPaths() {
		ApiClient client = client();
		long discovery = count("GET", "/.well-known/openid-configuration", "200");
		long keys = count("GET", "/oauth2/jwks", "200");
		long token = count("POST", "/oauth2/token", "401");
		assertThat(client.get("/.well-known/openid-configuration").status()).isEqualTo(200);
		assertThat(client.get("/oauth2/jwks").status()).isEqualTo(200);
		assertThat(client.send("POST", "/oauth2/token", null, java.util.Map.of("Authorization", "Basic bm86c3VjaA=="))
				.status()).isEqualTo(401); // an unknown client
		await().untilAsserted(() -> {
			assertThat(count("GET", "/.well-known/openid-configuration", "200") - discovery).isEqualTo(1);
			assertThat(count("GET", "/oauth2/jwks", "200") - keys).isEqualTo(1);
			assertThat(count("POST", "/oauth2/token", "401") - token).isEqualTo(1);
		});
	}

	private Timer timer(String method, String uri, String status) {
		return registry.find(RequestTimers.NAME).tag("method", method).tag("uri", uri).tag("status", status).timer();
	}

	private long count(String method, String uri, String status) {
		Timer timer = timer(method, uri, status);
		return timer == null ? 0 : timer.count();
	}

	private double seconds(String method, String uri, String status) {
		Timer timer = timer(method, uri, status);
		return timer == null ? 0 : timer.totalTime(java.util.concurrent.TimeUnit.SECONDS);
	}
}
