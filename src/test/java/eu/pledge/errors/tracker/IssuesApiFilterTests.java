package eu.pledge.errors.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import eu.pledge.testing.ApiClient;

/**
 * The issues API's filters (as the list page's), its page links, and the bulk endpoint: validated, all or
 * nothing, and a bad value is a 400 that names it, never a 500.
 */
class IssuesApiFilterTests extends ManyIssuesHttpTest {

	static List<Long> ids(ApiClient.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().valueStream().map(issue -> issue.get("id").asLong()).toList();
	}

	@Test
	void filtersAndBulkChangesThroughTheApi() {
		ApiClient admin = admin();
		String me = admin.get("/api/v1/me").json().get("id").asString();
		String word = unique("Api");
		long prod = tracker.capture(IssueListTests.tagged(word + " one", ErrorEvent.PLEDGE_PROJECT, "production", "3.0.0"))
				.issueId();
		long staging = tracker.capture(IssueListTests.tagged(word + " two", ErrorEvent.PLEDGE_PROJECT, "staging", "3.1.0"))
				.issueId();
		String q = "q=" + IssueListTests.q(word.toLowerCase());
		assertThat(ids(admin.get("/api/v1/admin/issues?" + q))).containsExactlyInAnyOrder(prod, staging);
		assertThat(ids(admin.get("/api/v1/admin/issues?" + q + "&environment=staging"))).containsExactly(staging);
		assertThat(ids(admin.get("/api/v1/admin/issues?" + q + "&release=3.0.0"))).containsExactly(prod);
		assertThat(ids(admin.get("/api/v1/admin/issues?" + q + "&project=1&assignee=nobody")))
				.containsExactlyInAnyOrder(prod, staging);

		ApiClient.Response bulk = admin.post("/api/v1/admin/issues/bulk",
				Map.of("ids", List.of(prod, staging), "status", "ignored", "ignoreCount", 10));
		assertThat(bulk.status()).as(bulk.body()).isEqualTo(200);
		assertThat(bulk.json().get("changed").asInt()).isEqualTo(2);
		assertThat(issue(prod).status()).isEqualTo("ignored");
		assertThat(issue(prod).ignoreUntilCount()).isEqualTo(11);
		assertThat(ids(admin.get("/api/v1/admin/issues?" + q + "&status=ignored"))).containsExactlyInAnyOrder(prod, staging);
		ApiClient.Response again = admin.post("/api/v1/admin/issues/bulk",
				Map.of("ids", List.of(prod), "status", "ignored", "ignoreCount", 10));
		assertThat(again.json().get("changed").asInt()).isZero();
		assertThat(again.json().get("unchanged").asInt()).isEqualTo(1);

		assertThat(admin.post("/api/v1/admin/issues/bulk", Map.of("ids", List.of(staging), "assignee", me)).status())
				.isEqualTo(200);
		assertThat(ids(admin.get("/api/v1/admin/issues?" + q + "&status=all&assignee=me"))).containsExactly(staging);

		// bad input: 400 with a message, and nothing changed
		long missing = staging + 1_000_000;
		Map<String, Object> nothing = new HashMap<>();
		nothing.put("ids", List.of(prod));
		List<Object> bad = new ArrayList<>(List.of(Map.of("status", "resolved"), Map.of("ids", List.of(), "status", "resolved"),
				Map.of("ids", List.of(prod, missing), "status", "resolved"), Map.of("ids", List.of(prod), "status", "exploded"),
				Map.of("ids", List.of(prod), "assignee", "not-an-id"), nothing, Map.of("ids", "x", "status", "resolved"),
				Map.of("ids", List.of("x"), "status", "resolved"), List.of(1, 2),
				Map.of("ids", java.util.stream.LongStream.rangeClosed(1, 101).boxed().toList(), "status", "resolved")));
		for (Object body : bad) {
			ApiClient.Response refused = admin.post("/api/v1/admin/issues/bulk", body);
			assertThat(refused.status()).as(String.valueOf(body)).isEqualTo(400);
			assertThat(refused.body()).as(String.valueOf(body)).contains("\"detail\"");
		}
		assertThat(admin.post("/api/v1/admin/issues/bulk", Map.of("ids", List.of(prod, missing), "status", "resolved"))
				.body()).contains("There is no issue " + missing);
		assertThat(issue(prod).status()).isEqualTo("ignored");
		for (String query : List.of("status=bogus", "project=x", "project=424242", "sort=x", "page=0", "page=1001",
				"assignee=x", "q=" + "y".repeat(201), "release=%01")) {
			ApiClient.Response refused = admin.get("/api/v1/admin/issues?" + query);
			assertThat(refused.status()).as(query).isEqualTo(400);
			assertThat(refused.body()).as(query).contains("\"detail\"");
		}
	}

	@Test
	void aLinkHeaderNamesTheNextPage() {
		ApiClient admin = admin();
		String word = unique("Linked");
		List<ErrorEvent> events = new ArrayList<>();
		for (int i = 0; i < IssuesApi.PAGE + 1; i++) {
			events.add(IssueListTests.tagged(word + " " + IssueListTests.letters(i), ErrorEvent.PLEDGE_PROJECT, "linked", "4.0.0"));
		}
		tracker.captureAll(events);
		ApiClient.Response first = admin.get("/api/v1/admin/issues?q=" + IssueListTests.q(word) + "&environment=linked");
		assertThat(ids(first)).hasSize(IssuesApi.PAGE);
		String link = first.header("Link");
		assertThat(link).startsWith("</api/v1/admin/issues?q=").contains("environment=linked", "page=2")
				.endsWith(">; rel=\"next\"");
		ApiClient.Response second = admin.get(link.substring(1, link.indexOf('>')));
		assertThat(ids(second)).hasSize(1);
		assertThat(second.header("Link")).isNull();
	}
}
