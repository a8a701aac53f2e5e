package eu.pledge.errors.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.HandlerMapping;

import eu.pledge.errors.tracker.ErrorsHttpTest;
import eu.pledge.testing.ApiClient;

/** Pledge's own errors: ERROR log events and unhandled exceptions become scrubbed events with their context. */
class CaptureTests extends ErrorsHttpTest {

	private static final Logger log = LoggerFactory.getLogger("eu.pledge.orders.Orders");

	private static final List<String> PLANTED = List.of("hunter2-planted", "planted.person@example.org", "203.0.113.77",
			"2001:db8::77", "4111 1111 1111 1111", "tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0", "PLANTEDCOOKIE42",
			"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwbGFudGVkIn0.c2lnbmF0dXJl");

	@Autowired
	ErrorCapture capture;

	@Test
	void anErrorLogEventBecomesAnIssueWithItsFramesAndRequestContext() {
		String account = UUID.randomUUID().toString();
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/orders/42");
		request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/api/v1/orders/{id}");
		request.setQueryString("token=abc");
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
		SecurityContextHolder.getContext()
				.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(account, null, List.of()));
		MDC.put("requestId", "capture-request-0001");
		String what = unique("Order could not be saved");
		try {
			log.error(what + " after {} attempts", 3, new IllegalStateException("database said no"));
		}
		finally {
			MDC.remove("requestId");
			SecurityContextHolder.clearContext();
			RequestContextHolder.resetRequestAttributes();
		}
		await(() -> count("SELECT COUNT(*) FROM error_events WHERE message = ?", what + " after 3 attempts") == 1);
		Map<String, Object> event = jdbc.sql("SELECT * FROM error_events WHERE message = :m").param("m", what + " after 3 attempts")
				.query().singleRow();
		assertThat(event).containsEntry("request_method", "POST").containsEntry("request_route", "/api/v1/orders/{id}")
				.containsEntry("request_id", "capture-request-0001").containsEntry("account_id", account)
				.containsEntry("release_name", "1.0.0").containsEntry("environment", "test").containsEntry("level", "error");
		assertThat((String) event.get("exceptions")).contains("java.lang.IllegalStateException", "database said no",
				"\"module\":\"" + CaptureTests.class.getName() + "\"");
		Map<String, Object> issue = jdbc.sql("SELECT title, affected_accounts, affected_requests FROM error_issues WHERE id = :id")
				.param("id", event.get("issue_id")).query().singleRow();
		assertThat(issue.get("title")).isEqualTo("java.lang.IllegalStateException: database said no");
		assertThat(((Number) issue.get("affected_accounts")).longValue()).isEqualTo(1);
		assertThat(((Number) issue.get("affected_requests")).longValue()).isEqualTo(1);
	}

	@Test
	void unhandledExceptionsOfApiCallsAndPagesAreCapturedOnceWithTheirRequest() {
		ApiClient admin = admin();
		String adminId = admin.get("/api/v1/me").json().get("id").asString();
		long id = tracker.capture(message(unique("Something to comment on"), null)).issueId();
		admin.cookies().put("tracking", "PLANTEDCOOKIE42");
		String csrf = csrf(admin, "/admin/errors/" + id);
		jdbc.sql("ALTER TABLE error_comments RENAME TO error_comments_away").update();
		ApiClient.Response api;
		ApiClient.Response page;
		try {
			api = admin.send("POST", "/api/v1/admin/issues/" + id + "/comments?token=tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0&email=planted.person@example.org",
					Map.of("body", "password hunter2-planted, mail planted.person@example.org, from 203.0.113.77 and 2001:db8::77, card 4111 1111 1111 1111"),
					Map.of("X-Api-Key", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwbGFudGVkIn0.c2lnbmF0dXJl"));
			page = post(admin, "/admin/errors/" + id + "/comments", "body=hunter2-planted+planted.person%40example.org", csrf);
		}
		finally {
			jdbc.sql("ALTER TABLE error_comments_away RENAME TO error_comments").update();
		}
		assertThat(api.status()).isEqualTo(500);
		assertThat(page.status()).isEqualTo(500);
		assertThat(page.body()).contains("Something went wrong on our side");

		String apiRequest = api.header("X-Request-Id");
		String pageRequest = page.header("X-Request-Id");
		await(() -> count("SELECT COUNT(*) FROM error_events WHERE request_id IN (?, ?)", apiRequest, pageRequest) == 2);
		Map<String, Object> apiEvent = jdbc.sql("SELECT * FROM error_events WHERE request_id = :r").param("r", apiRequest)
				.query().singleRow();
		assertThat(apiEvent).containsEntry("request_method", "POST")
				.containsEntry("request_route", "/api/v1/admin/issues/{id}/comments").containsEntry("account_id", adminId);
		assertThat((String) apiEvent.get("exceptions")).contains("BadSqlGrammarException", "\"inApp\":true");
		Map<String, Object> pageEvent = jdbc.sql("SELECT * FROM error_events WHERE request_id = :r").param("r", pageRequest)
				.query().singleRow();
		assertThat(pageEvent).containsEntry("request_route", "/admin/errors/{id}/comments");
		assertThat(pageEvent).containsEntry("request_method", "POST").containsEntry("account_id", adminId);
		assertThat(count("SELECT COUNT(*) FROM error_events WHERE request_id = ?", apiRequest)).as("logged once").isEqualTo(1);

		assertNothingPlantedIsStored();
	}

	@Test
	void valuesThatLookPersonalNeverReachTheErrorTables() {
		String what = unique("Sign-in failed");
		log.error(what + " for {} from {} with password={} token={}", "planted.person@example.org", "203.0.113.77",
				"hunter2-planted", "tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0",
				new IllegalStateException("card 4111 1111 1111 1111 of planted.person@example.org at 2001:db8::77 key "
						+ "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwbGFudGVkIn0.c2lnbmF0dXJl"));
		await(() -> count("SELECT COUNT(*) FROM error_events WHERE message LIKE ?", what + "%") == 1);
		assertNothingPlantedIsStored();
	}

	@Test
	void anErrorWhileStoringErrorsIsNotCapturedAgain() {
		jdbc.sql("ALTER TABLE error_events RENAME TO error_events_away").update();
		try {
			log.error(unique("Lost while the table is away"), new IllegalStateException("first"));
			await(() -> capture.pending() == 0);
		}
		finally {
			jdbc.sql("ALTER TABLE error_events_away RENAME TO error_events").update();
		}
		String what = unique("Captured again later");
		log.error(what);
		await(() -> count("SELECT COUNT(*) FROM error_events WHERE message = ?", what) == 1);
		assertThat(count("SELECT COUNT(*) FROM error_issues WHERE title LIKE '%error_events%'")).isZero();
	}

	private void assertNothingPlantedIsStored() {
		List<String> found = new ArrayList<>();
		for (String table : List.of("error_projects", "error_issues", "error_fingerprints", "error_events",
				"error_issue_releases", "error_issue_requests", "error_issue_accounts", "error_issue_history",
				"error_comments", "error_alerts")) {
			for (Map<String, Object> row : jdbc.sql("SELECT * FROM " + table).query().listOfRows()) {
				String text = row.toString();
				PLANTED.stream().filter(text::contains).forEach(value -> found.add(table + ": " + value));
			}
		}
		assertThat(found).isEmpty();
	}
}
