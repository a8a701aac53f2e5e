package eu.pledge.errors.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.AtOnce;

/**
 * The issue list over HTTP: each filter (free text, project, environment, release, status, assignee), filters
 * that survive paging in the URL, and bulk resolve / ignore / assign on the ticked issues, validated and all or
 * nothing, with forty identical bulk posts at once changing (and auditing) each issue once.
 */
class IssueListTests extends ManyIssuesHttpTest {

	private static final Pattern LISTED = Pattern.compile("<a href=\"/admin/errors/(\\d+)\">");

	static ErrorEvent tagged(String text, long project, String environment, String release) {
		return new ErrorEvent(null, project, Instant.now(), "error", "java", List.of(), text, text, null, release,
				environment, null, null, null, Map.of());
	}

	static List<Long> listed(String page) {
		List<Long> ids = new ArrayList<>();
		Matcher matcher = LISTED.matcher(page);
		while (matcher.find()) {
			ids.add(Long.parseLong(matcher.group(1)));
		}
		return ids;
	}

	/** A word for {@code n} made of letters that are no hex digits: grouping normalises numbers and hex values. */
	static String letters(int n) {
		StringBuilder word = new StringBuilder();
		do {
			word.append((char) ('g' + n % 20));
			n /= 20;
		}
		while (n > 0);
		return word.toString();
	}

	static String q(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	long project(String name) {
		jdbc.sql("INSERT INTO error_projects (slug, name, created_at) VALUES (:slug, :name, CURRENT_TIMESTAMP)")
				.param("slug", name.toLowerCase().replaceAll("[^a-z0-9]+", "-")).param("name", name).update();
		return jdbc.sql("SELECT id FROM error_projects WHERE name = :name").param("name", name).query(Long.class).single();
	}

	@Test
	void eachFilterNarrowsTheListAndThePageNamesProjects() {
		ApiClient admin = admin();
		String me = admin.get("/api/v1/me").json().get("id").asString();
		String word = unique("Filtered");
		String projectName = unique("Billing");
		long billing = project(projectName);
		long prod = tracker.capture(tagged(word + " one", ErrorEvent.PLEDGE_PROJECT, "production", "7.1.0")).issueId();
		long staging = tracker.capture(tagged(word + " two", ErrorEvent.PLEDGE_PROJECT, "staging", "7.2.0")).issueId();
		long other = tracker.capture(tagged(word + " three", billing, "production", "7.1.0")).issueId();
		long unrelated = tracker.capture(tagged(unique("Unrelated"), ErrorEvent.PLEDGE_PROJECT, "production", "7.1.0"))
				.issueId();

		String all = page(admin, "/admin/errors?q=" + q(word.toUpperCase())).body();
		assertThat(listed(all)).containsExactlyInAnyOrder(prod, staging, other);
		assertThat(all).contains("<option value=\"" + billing + "\">" + projectName + "</option>")
				.contains("<td>" + projectName + "</td>").contains("<td>Pledge</td>");
		assertThat(listed(page(admin, "/admin/errors?q=" + q(word) + "&project=" + billing).body())).containsExactly(other);
		assertThat(listed(page(admin, "/admin/errors?q=" + q(word) + "&environment=staging").body())).containsExactly(staging);
		assertThat(listed(page(admin, "/admin/errors?q=" + q(word) + "&release=7.1.0").body()))
				.containsExactlyInAnyOrder(prod, other);
		assertThat(listed(page(admin, "/admin/errors?environment=production&release=7.1.0").body()))
				.contains(prod, other, unrelated).doesNotContain(staging);

		assertThat(admin.patch("/api/v1/admin/issues/" + prod, Map.of("status", "resolved")).status()).isEqualTo(200);
		assertThat(listed(page(admin, "/admin/errors?q=" + q(word)).body())).containsExactlyInAnyOrder(staging, other);
		assertThat(listed(page(admin, "/admin/errors?q=" + q(word) + "&status=resolved").body())).containsExactly(prod);

		assertThat(admin.patch("/api/v1/admin/issues/" + staging, Map.of("assignee", me)).status()).isEqualTo(200);
		assertThat(listed(page(admin, "/admin/errors?q=" + q(word) + "&assignee=me").body())).containsExactly(staging);
		assertThat(listed(page(admin, "/admin/errors?q=" + q(word) + "&assignee=" + me).body())).containsExactly(staging);
		assertThat(listed(page(admin, "/admin/errors?q=" + q(word) + "&assignee=nobody").body())).containsExactly(other);

		// a wildcard typed is a character searched for, not a pattern
		assertThat(listed(page(admin, "/admin/errors?q=" + q("%")).body())).doesNotContain(prod, staging, other);
		// bad values: the page says what is wrong, with the field marked, never a 500
		for (String bad : List.of("project=x", "project=99999999", "status=bogus", "sort=x", "page=0", "page=x",
				"assignee=someone", "q=" + "x".repeat(201), "environment=%01")) {
			ApiClient.Response response = page(admin, "/admin/errors?" + bad);
			assertThat(response.status()).as(bad).isEqualTo(400);
			assertThat(response.body()).as(bad).contains("class=\"error-summary\"");
			if (!bad.startsWith("page")) {
				assertThat(response.body()).as(bad).contains("aria-invalid=\"true\"");
			}
		}
	}

	@Test
	void filtersSurvivePagingInTheUrl() {
		ApiClient admin = admin();
		String word = unique("Paged");
		List<ErrorEvent> events = new ArrayList<>();
		for (int i = 0; i < IssueSearch.PAGE_SIZE + 5; i++) {
			events.add(tagged(word + " number " + letters(i), ErrorEvent.PLEDGE_PROJECT, "paging", "9.0.0"));
		}
		List<Long> ids = tracker.captureAll(events).stream().map(Tracker.Captured::issueId).distinct().toList();
		assertThat(ids).hasSize(IssueSearch.PAGE_SIZE + 5);

		String first = page(admin, "/admin/errors?q=" + q(word) + "&environment=paging&sort=count").body();
		assertThat(listed(first)).hasSize(IssueSearch.PAGE_SIZE);
		Matcher next = Pattern.compile("<a href=\"([^\"]+)\" rel=\"next\">").matcher(first);
		assertThat(next.find()).isTrue();
		String link = next.group(1).replace("&amp;", "&");
		assertThat(link).contains("q=" + q(word), "environment=paging", "sort=count", "page=2");
		String second = page(admin, link).body();
		assertThat(listed(second)).hasSize(5).doesNotContainAnyElementsOf(listed(first));
		assertThat(second).contains("rel=\"prev\"").doesNotContain("rel=\"next\"")
				.contains("<input id=\"environment\" name=\"environment\" list=\"environments\" maxlength=\"200\" value=\"paging\"");
		List<Long> both = new ArrayList<>(listed(first));
		both.addAll(listed(second));
		assertThat(both).containsExactlyInAnyOrderElementsOf(ids);
	}

	@Test
	void bulkResolvesIgnoresAndAssignsTheTickedIssuesAndKeepsTheFilters() {
		ApiClient admin = admin();
		String me = admin.get("/api/v1/me").json().get("id").asString();
		String word = unique("Bulk");
		long a = tracker.capture(message(word + " a", "1.0.0")).issueId();
		long b = tracker.capture(message(word + " b", "1.0.0")).issueId();
		long c = tracker.capture(message(word + " c", "1.0.0")).issueId();
		String list = "/admin/errors?q=" + q(word);
		String csrf = csrf(admin, list);

		ApiClient.Response resolved = post(admin, "/admin/errors/bulk",
				"ids=" + a + "&ids=" + b + "&action=resolve&q=" + q(word), csrf);
		assertThat(resolved.status()).isEqualTo(302);
		assertThat(resolved.header("Location")).endsWith("/admin/errors?q=" + q(word) + "&changed=2&selected=2");
		assertThat(issue(a).status()).isEqualTo("resolved");
		assertThat(issue(b).status()).isEqualTo("resolved");
		assertThat(issue(c).status()).isEqualTo("unresolved");
		assertThat(page(admin, resolved.header("Location").replaceFirst("^https?://[^/]+", "")).body())
				.contains("2 of 2 issues changed.");

		assertThat(post(admin, "/admin/errors/bulk", "ids=" + c + "&action=ignore", csrf).status()).isEqualTo(302);
		assertThat(issue(c).status()).isEqualTo("ignored");
		assertThat(post(admin, "/admin/errors/bulk", "ids=" + a + "&ids=" + c + "&action=assign&to=" + me, csrf)
				.status()).isEqualTo(302);
		assertThat(issue(a).assignee()).isEqualTo(me);
		assertThat(issue(c).assignee()).isEqualTo(me);
		assertThat(post(admin, "/admin/errors/bulk", "ids=" + a + "&ids=" + b + "&action=reopen", csrf).status())
				.isEqualTo(302);
		assertThat(issue(a).status()).isEqualTo("unresolved");

		// all or nothing: one id that is no issue, and nothing changes; the list says why
		long missing = c + 1_000_000;
		ApiClient.Response refused = post(admin, "/admin/errors/bulk",
				"ids=" + a + "&ids=" + missing + "&action=resolve&q=" + q(word), csrf);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("There is no issue " + missing + ".")
				.contains("value=\"" + word + "\"");
		assertThat(listed(refused.body())).contains(a, b); // c is ignored: not in the unresolved list
		assertThat(issue(a).status()).isEqualTo("unresolved");
		for (String bad : List.of("action=resolve", "ids=x&action=resolve", "ids=" + a + "&action=explode",
				"ids=" + a + "&action=assign&to=" + java.util.UUID.randomUUID(), "ids=" + a + "&action=assign&to=x")) {
			ApiClient.Response response = post(admin, "/admin/errors/bulk", bad, csrf);
			assertThat(response.status()).as(bad).isEqualTo(400);
			assertThat(response.body()).as(bad).contains("class=\"error-summary\"").contains("aria-invalid=\"true\"");
		}
		assertThat(issue(a).status()).isEqualTo("unresolved");
		assertThat(issue(a).assignee()).isEqualTo(me);
	}

	@Test
	void fortyIdenticalBulkPostsAtOnceChangeAndAuditEachIssueOnce() throws Exception {
		ApiClient admin = admin();
		String word = unique("Forty");
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ids.add(tracker.capture(message(word + " " + letters(i), "1.0.0")).issueId()); // digits would group them
		}
		assertThat(ids).doesNotHaveDuplicates();
		String fields = ids.stream().map(id -> "ids=" + id).collect(Collectors.joining("&")) + "&action=resolve";
		String csrf = csrf(admin, "/admin/errors");
		List<ApiClient.Response> responses = AtOnce.times(40, () -> post(admin, "/admin/errors/bulk", fields, csrf));
		assertThat(responses).extracting(ApiClient.Response::status).containsOnly(302);
		// one of them changed the five issues; the others found them resolved already
		assertThat(responses).extracting(response -> response.header("Location").replaceFirst(".*\\?", ""))
				.containsOnlyOnce("changed=5&selected=5").contains("changed=0&selected=5");
		for (long id : ids) {
			assertThat(issue(id).status()).isEqualTo("resolved");
			assertThat(count("SELECT COUNT(*) FROM error_issue_history WHERE issue_id = ? AND action = 'resolved'", id))
					.isEqualTo(1);
			assertThat(count("SELECT COUNT(*) FROM audit_events WHERE action = 'error-issue.resolved' AND target_id = ?",
					Long.toString(id))).isEqualTo(1);
		}
		// and through the API: forty identical bulk assignments, one change each
		String me = admin.get("/api/v1/me").json().get("id").asString();
		List<Integer> api = AtOnce.times(40, () -> admin.post("/api/v1/admin/issues/bulk",
				Map.of("ids", ids, "assignee", me)).status());
		assertThat(api).containsOnly(200);
		for (long id : ids) {
			assertThat(count("SELECT COUNT(*) FROM error_issue_history WHERE issue_id = ? AND action = 'assigned'", id))
					.isEqualTo(1);
		}
	}
}
