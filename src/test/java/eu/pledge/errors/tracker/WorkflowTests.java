package eu.pledge.errors.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import eu.pledge.testing.ApiClient;

import tools.jackson.databind.JsonNode;

class WorkflowTests extends ErrorsHttpTest {

	private ApiClient.Response patch(ApiClient admin, long id, Map<String, Object> change) {
		return admin.patch("/api/v1/admin/issues/" + id, change);
	}

	/** Past the per-issue alert cooldown of this context. */
	private void later() {
		clock.advance(Duration.ofSeconds(5));
	}

	@Test
	void aResolvedIssueRegressesOnItsNextEventAndTheEngineersAreMailed() {
		ApiClient admin = admin();
		String text = unique("Regression");
		long id = tracker.capture(message(text, "1.0.0")).issueId();
		mailbox.await(ONCALL, "New issue #" + id + ":");

		ApiClient.Response resolved = patch(admin, id, Map.of("status", "resolved"));
		assertThat(resolved.status()).isEqualTo(200);
		assertThat(resolved.json().get("status").asString()).isEqualTo("resolved");

		later();
		Tracker.Captured again = tracker.capture(message(text, "1.0.0"));
		assertThat(again.regressed()).isTrue();
		assertThat(again.issueId()).isEqualTo(id);
		assertThat(issue(id).status()).isEqualTo("regressed");
		String mail = mailbox.await(ONCALL, "Regressed issue #" + id + ":");
		assertThat(mail).contains("/admin/errors/" + id);

		JsonNode detail = admin.get("/api/v1/admin/issues/" + id).json();
		List<String> actions = detail.get("history").valueStream().map(h -> h.get("action").asString()).toList();
		assertThat(actions).containsSubsequence("regressed", "resolved");
		assertThat(detail.get("history").get(1).get("actor").asString()).isNotBlank();
		assertThat(count("SELECT COUNT(*) FROM audit_events WHERE action = 'error-issue.resolved' AND target_id = ?",
				Long.toString(id))).isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM audit_events WHERE action = 'error-issue.regressed' AND target_id = ?",
				Long.toString(id))).isEqualTo(1);
	}

	@Test
	void resolvedInTheNextReleaseRegressesOnlyForAnotherRelease() {
		ApiClient admin = admin();
		String text = unique("Next release");
		long id = tracker.capture(message(text, "1.0.0")).issueId();
		ApiClient.Response resolved = patch(admin, id, Map.of("status", "resolved", "inNextRelease", true));
		assertThat(resolved.status()).isEqualTo(200);
		assertThat(resolved.json().get("resolvedInRelease").asString()).isEqualTo("1.0.0");

		assertThat(tracker.capture(message(text, "1.0.0")).regressed()).as("the old release, still running").isFalse();
		assertThat(tracker.capture(message(text, null)).regressed()).as("no release: cannot tell").isFalse();
		assertThat(issue(id).status()).isEqualTo("resolved");
		assertThat(issue(id).eventCount()).isEqualTo(3);

		assertThat(tracker.capture(message(text, "1.1.0")).regressed()).isTrue();
		assertThat(issue(id).status()).isEqualTo("regressed");

		long noRelease = tracker.capture(message(unique("Without release"), null)).issueId();
		ApiClient.Response refused = patch(admin, noRelease, Map.of("status", "resolved", "inNextRelease", true));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("inNextRelease");
	}

	@Test
	void ignoredUntilSoManyMoreEventsReopensAfterThem() {
		ApiClient admin = admin();
		String text = unique("Ignore by count");
		long id = tracker.capture(message(text, null)).issueId();
		assertThat(patch(admin, id, Map.of("status", "ignored", "ignoreCount", 3)).status()).isEqualTo(200);
		tracker.capture(message(text, null));
		tracker.capture(message(text, null));
		assertThat(issue(id).status()).isEqualTo("ignored");
		later();
		tracker.capture(message(text, null));
		assertThat(issue(id).status()).isEqualTo("unresolved");
		mailbox.await(ONCALL, "Ignored issue is back #" + id + ":");
	}

	@Test
	void ignoredUntilADateReopensAfterIt() {
		ApiClient admin = admin();
		String text = unique("Ignore by date");
		long id = tracker.capture(message(text, null)).issueId();
		String tomorrow = clock.instant().plus(Duration.ofDays(1)).toString().substring(0, 10);
		assertThat(patch(admin, id, Map.of("status", "ignored", "ignoreUntil", tomorrow)).status()).isEqualTo(200);
		tracker.capture(message(text, null));
		assertThat(issue(id).status()).isEqualTo("ignored");
		clock.advance(Duration.ofDays(2));
		tracker.capture(message(text, null));
		assertThat(issue(id).status()).isEqualTo("unresolved");

		admin = admin(); // the session did not survive two days
		assertThat(patch(admin, id, Map.of("status", "ignored", "ignoreUntil", "2001-01-01")).status()).isEqualTo(400);
		assertThat(patch(admin, id, Map.of("status", "ignored", "ignoreUntil", "soon")).status()).isEqualTo(400);
		assertThat(patch(admin, id, Map.of("status", "ignored", "ignoreCount", 0)).status()).isEqualTo(400);
	}

	@Test
	void ignoredForeverStaysIgnoredButKeepsCounting() {
		ApiClient admin = admin();
		String text = unique("Ignore forever");
		long id = tracker.capture(message(text, null)).issueId();
		assertThat(patch(admin, id, Map.of("status", "ignored")).status()).isEqualTo(200);
		clock.advance(Duration.ofDays(400));
		for (int i = 0; i < 5; i++) {
			tracker.capture(message(text, null));
		}
		assertThat(issue(id).status()).isEqualTo("ignored");
		assertThat(issue(id).eventCount()).isEqualTo(6);
		admin = admin(); // the session did not survive the year
		assertThat(patch(admin, id, Map.of("status", "unresolved")).json().get("status").asString()).isEqualTo("unresolved");
	}

	@Test
	void mergingMovesEventsAndCountsAndRoutesTheMergedFingerprintToTheTarget() {
		ApiClient admin = admin();
		String a = unique("Merge target");
		String b = unique("Merge source");
		long target = tracker.capture(message(a, "1.0.0")).issueId();
		tracker.capture(message(a, "1.0.0"));
		long source = tracker.capture(message(b, "1.1.0")).issueId();
		tracker.capture(message(b, "1.1.0"));
		tracker.capture(message(b, "1.1.0"));

		ApiClient.Response merged = admin.post("/api/v1/admin/issues/" + source + "/merge", Map.of("into", target));
		assertThat(merged.status()).isEqualTo(200);
		assertThat(merged.json().get("eventCount").asLong()).isEqualTo(5);
		assertThat(issue(source).status()).isEqualTo("merged");
		assertThat(issue(source).mergedInto()).isEqualTo(target);

		Tracker.Captured after = tracker.capture(message(b, "1.1.0"));
		assertThat(after.issueId()).isEqualTo(target);
		assertThat(after.newIssue()).isFalse();
		JsonNode detail = admin.get("/api/v1/admin/issues/" + target).json();
		assertThat(detail.get("issue").get("eventCount").asLong()).isEqualTo(6);
		assertThat(detail.get("events").size()).isEqualTo(6);
		assertThat(detail.get("releases").valueStream().map(JsonNode::asString).toList()).contains("1.0.0", "1.1.0");

		assertThat(patch(admin, source, Map.of("status", "resolved")).status()).isEqualTo(409);
		assertThat(admin.post("/api/v1/admin/issues/" + target + "/merge", Map.of("into", target)).status()).isEqualTo(400);
		assertThat(admin.post("/api/v1/admin/issues/" + target + "/merge", Map.of("into", 999999)).status()).isEqualTo(400);
		assertThat(count("SELECT COUNT(*) FROM audit_events WHERE action = 'error-issue.merged' AND target_id = ?",
				Long.toString(source))).isEqualTo(1);
	}

	@Test
	void issuesAreAssignedToAdministratorsOnlyAndDiscussed() {
		ApiClient admin = admin();
		String adminId = admin.get("/api/v1/me").json().get("id").asString();
		long id = tracker.capture(message(unique("Assignment"), null)).issueId();

		ApiClient.Response assigned = patch(admin, id, Map.of("assignee", adminId));
		assertThat(assigned.status()).isEqualTo(200);
		assertThat(assigned.json().get("assignee").asString()).isEqualTo(adminId);

		ApiClient person = client();
		signedInAccount(person);
		String personId = person.get("/api/v1/me").json().get("id").asString();
		ApiClient.Response refused = patch(admin, id, Map.of("assignee", personId));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("assignee");
		assertThat(patch(admin, id, Map.of("assignee", "not-an-id")).status()).isEqualTo(400);
		assertThat(patch(admin, id, Map.of("status", "sleeping")).status()).isEqualTo(400);
		assertThat(patch(admin, id, Map.of("assignee", "")).json().has("assignee")).isFalse();

		ApiClient.Response commented = admin.post("/api/v1/admin/issues/" + id + "/comments", Map.of("body", "Looking into it"));
		assertThat(commented.status()).isEqualTo(201);
		assertThat(commented.json().get("comments").get(0).get("body").asString()).isEqualTo("Looking into it");
		assertThat(admin.post("/api/v1/admin/issues/" + id + "/comments", Map.of("body", " ")).status()).isEqualTo(400);
		assertThat(admin.get("/api/v1/admin/issues/999999").status()).isEqualTo(404);

		JsonNode list = admin.get("/api/v1/admin/issues?status=all&sort=count").json();
		assertThat(list.valueStream().map(i -> i.get("id").asLong()).toList()).contains(id);
		assertThat(admin.get("/api/v1/admin/issues?status=bogus").status()).isEqualTo(400);
		assertThat(admin.get("/api/v1/admin/issues?project=x").status()).isEqualTo(400);
		assertThat(admin.get("/api/v1/admin/issues?sort=x").status()).isEqualTo(400);
	}
}
