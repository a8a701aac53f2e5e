package eu.pledge.errors.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import eu.pledge.testing.ApiClient;

/** The engineers' pages and API: platform administrators only; bad input is a 4xx, never a 500. */
class IssueAccessTests extends ErrorsHttpTest {

	@Test
	void onlyPlatformAdministratorsSeeAndChangeIssues() {
		long id = tracker.capture(event(new IllegalStateException(unique("Visible to admins")), "1.0.0")).issueId();
		ApiClient anonymous = client();
		ApiClient person = client();
		signedInAccount(person);
		for (ApiClient outsider : List.of(anonymous, person)) {
			assertThat(outsider.get("/api/v1/admin/issues").status()).isIn(401, 403);
			assertThat(outsider.get("/api/v1/admin/issues/" + id).status()).isIn(401, 403);
			assertThat(outsider.patch("/api/v1/admin/issues/" + id, Map.of("status", "resolved")).status()).isIn(401, 403);
			assertThat(outsider.post("/api/v1/admin/issues/" + id + "/comments", Map.of("body", "x")).status()).isIn(401, 403);
			assertThat(outsider.post("/api/v1/admin/issues/" + id + "/merge", Map.of("into", 1)).status()).isIn(401, 403);
			assertThat(page(outsider, "/admin/errors").status()).isIn(302, 401, 403);
			assertThat(page(outsider, "/admin/errors/" + id).status()).isIn(302, 401, 403);
		}
		assertThat(page(person, "/admin/errors").status()).isEqualTo(403);
		assertThat(issue(id).status()).isEqualTo("unresolved");
	}

	@Test
	void engineersWorkOnAnIssueThroughThePages() {
		ApiClient admin = admin();
		String adminId = admin.get("/api/v1/me").json().get("id").asString();
		String title = unique("Page workflow");
		long id = tracker.capture(event(new IllegalStateException(title), "1.0.0")).issueId();
		long other = tracker.capture(event(new IllegalArgumentException(title), "1.0.0")).issueId();

		ApiClient.Response list = page(admin, "/admin/errors?status=unresolved&sort=count");
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.body()).contains(title, "/admin/errors/" + id);
		assertThat(page(admin, "/admin/errors?status=bogus").status()).isEqualTo(400);
		ApiClient.Response detail = page(admin, "/admin/errors/" + id);
		assertThat(detail.body()).contains("java.lang.IllegalStateException", "engineersWorkOnAnIssueThroughThePages");
		ApiClient.Response missing = page(admin, "/admin/errors/999999");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.body()).contains("<h1>Not available</h1>", "There is no issue 999999.",
				"<a href=\"/admin/errors\">All issues</a>");

		String issuePage = "/admin/errors/" + id;
		ApiClient.Response refused = form(admin, issuePage, issuePage + "/status", "status=ignored&ignoreCount=many");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("whole number", "id=\"ignoreCount\"");
		assertThat(form(admin, issuePage, issuePage + "/status", "status=ignored&ignoreCount=10").status()).isEqualTo(302);
		assertThat(issue(id).status()).isEqualTo("ignored");
		assertThat(form(admin, issuePage, issuePage + "/status", "status=resolved&inNextRelease=true").status()).isEqualTo(302);
		assertThat(issue(id).resolvedInRelease()).isEqualTo("1.0.0");
		assertThat(form(admin, issuePage, issuePage + "/assignee", "assignee=" + adminId).status()).isEqualTo(302);
		assertThat(issue(id).assignee()).isEqualTo(adminId);
		assertThat(form(admin, issuePage, issuePage + "/assignee", "assignee=nobody").status()).isEqualTo(400);
		assertThat(form(admin, issuePage, issuePage + "/comments", "body=Fixed+in+the+next+deploy").status()).isEqualTo(302);
		assertThat(page(admin, issuePage).body()).contains("Fixed in the next deploy", "Comment added.", "resolved");
		assertThat(form(admin, issuePage, issuePage + "/merge", "into=abc").status()).isEqualTo(400);
		ApiClient.Response merged = form(admin, issuePage, issuePage + "/merge", "into=" + other);
		assertThat(merged.header("Location")).endsWith("/admin/errors/" + other);
		assertThat(issue(id).status()).isEqualTo("merged");
	}

	@Test
	void garbageNeverCausesAServerError() {
		ApiClient admin = admin();
		long id = tracker.capture(message(unique("Garbage target"), null)).issueId();
		List<String> bodies = List.of("", "null", "[]", "\"text\"", "42", "{", "{}", "{\"status\": 5, \"ignoreCount\": \"many\"}",
				"{\"status\": \"ignored\", \"ignoreCount\": -3}", "{\"assignee\": 7, \"body\": [], \"into\": \"x\"}",
				"{\"into\": 99999999999999999999}", "{\"body\": \"" + "b".repeat(5000) + "\"}");
		for (String path : List.of("/api/v1/admin/issues/" + id, "/api/v1/admin/issues/" + id + "/comments",
				"/api/v1/admin/issues/" + id + "/merge", "/api/v1/admin/issues/x", "/api/v1/admin/issues/x/merge")) {
			String method = path.endsWith("/comments") || path.endsWith("/merge") ? "POST" : "PATCH";
			for (String body : bodies) {
				ApiClient.Response response = admin.send(method, path, body.isEmpty() ? null : body,
						Map.of("Content-Type", "application/json"));
				assertThat(response.status()).as(method + " " + path + " with " + body).isBetween(200, 499);
			}
		}
		assertThat(admin.get("/api/v1/admin/issues?project=99999999999999999999").status()).isEqualTo(400);
	}
}
