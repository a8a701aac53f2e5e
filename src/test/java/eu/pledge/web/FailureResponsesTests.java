package eu.pledge.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import eu.pledge.testing.ApiClient;

/**
 * Whatever fails, wherever (a servlet filter before Spring MVC included), the answer is Pledge's: an RFC 9457
 * problem, or the error page for a browser, with the request id and the security headers, and never Spring's
 * default error JSON, Tomcat's page or a stack trace. Issue 11.
 */
class FailureResponsesTests extends FaultTest {

	@Autowired
	JdbcClient jdbc;

	@Test
	void anExceptionInAServletFilterIsAProblemWithTheRequestId() {
		ApiClient.Response response = client().send("GET", "/api/v1/me", null, Map.of(FAULT, "filter"));
		assertProblem(response, 500);
		assertThat(response.json().get("detail").asString()).contains("on our side");
	}

	@Test
	void anExceptionInAServletFilterIsCapturedOnceWithItsRequest() {
		String requestId = "fault-" + UUID.randomUUID();
		assertProblem(client().send("GET", "/api/v1/me", null, Map.of(FAULT, "filter", "X-Request-Id", requestId)), 500);
		await().atMost(Duration.ofSeconds(10)).until(() -> jdbc
				.sql("SELECT COUNT(*) FROM error_events WHERE request_id = ?").param(requestId).query(Long.class).single() > 0);
		assertThat(jdbc.sql("SELECT request_method || ' ' || request_route FROM error_events WHERE request_id = ?")
				.param(requestId).query(String.class).list()).containsExactly("GET /api/v1/me");
	}

	@Test
	void aBrowserGetsTheErrorPage() {
		ApiClient.Response response = client().send("GET", "/login", null,
				Map.of(FAULT, "filter", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8"));
		assertThat(response.status()).isEqualTo(500);
		assertPage(response, "Something went wrong on our side");
	}

	@Test
	void aClientThatIsNoBrowserGetsAProblemOnAnyPath() {
		assertProblem(client().send("GET", "/login", null, Map.of(FAULT, "filter")), 500);
		assertProblem(client().send("GET", "/actuator/health", null, Map.of(FAULT, "filter")), 500);
	}

	@Test
	void aRequestTheFirewallRejectsIsAProblemToo() {
		assertProblem(client().get("/api/v1/me;x=y"), 400);
		assertPage(client().send("GET", "/login;x=y", null, Map.of("Accept", "text/html")), "could not be handled");
	}

	@Test
	void aMissingFileIsAProblemOrTheErrorPage() {
		assertProblem(client().get("/css/no-such-file.css"), 404);
		ApiClient.Response page = client().send("GET", "/css/no-such-file.css", null, Map.of("Accept", "text/html"));
		assertThat(page.status()).isEqualTo(404);
		assertPage(page, "There is nothing at this address");
	}

	static void assertProblem(ApiClient.Response response, int status) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json().get("status").asInt()).isEqualTo(status);
		assertThat(response.json().get("title").asString()).isNotBlank();
		assertThat(response.json().get("detail").asString()).isNotBlank();
		assertThat(response.json().has("timestamp")).as("not Spring's default error body").isFalse();
		assertEdge(response);
	}

	static void assertPage(ApiClient.Response response, String text) {
		assertThat(response.header("Content-Type")).startsWith("text/html");
		assertThat(response.body()).contains("<header class=\"site\">").contains(text);
		assertEdge(response);
	}

	private static void assertEdge(ApiClient.Response response) {
		assertThat(response.header("X-Request-Id")).as("request id").matches("[a-z0-9-]{20,64}");
		assertThat(response.header("Content-Security-Policy")).contains("default-src 'self'");
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at eu.pledge")
				.doesNotContain("at org.").doesNotContain("Apache Tomcat");
	}
}
