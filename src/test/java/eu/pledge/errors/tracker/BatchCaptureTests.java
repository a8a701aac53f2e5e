package eu.pledge.errors.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import eu.pledge.testing.ApiClient;

/**
 * {@link Tracker#captureAll} stores a batch with the same outcome as {@link Tracker#capture} (a batch of one) for each of
 * its events in order: two copies of one scenario (new, existing, resolved, resolved-in-the-next-release and
 * ignored issues) are fed one way and the other, and every issue must end up the same.
 */
class BatchCaptureTests extends ErrorsHttpTest {

	/** The issues of one copy of the scenario, by role. */
	record Scenario(String prefix, long existing, long resolved, long nextRelease, long ignored, String storedEventId) {
	}

	@Test
	void aBatchEndsInTheSameIssuesAndCountsAsCapturingItsEventsOneByOne() {
		ApiClient admin = admin();
		Scenario single = prepare(admin);
		Scenario batched = prepare(admin);
		clock.advance(Duration.ofSeconds(5)); // past the alert cooldown

		List<Tracker.Captured> one = new ArrayList<>();
		for (ErrorEvent event : batch(single)) {
			one.add(tracker.capture(event));
		}
		List<Tracker.Captured> all = tracker.captureAll(batch(batched));

		assertThat(all).hasSameSizeAs(one);
		for (int i = 0; i < one.size(); i++) {
			assertThat(all.get(i).newIssue()).as("new issue, event " + i).isEqualTo(one.get(i).newIssue());
			assertThat(all.get(i).regressed()).as("regressed, event " + i).isEqualTo(one.get(i).regressed());
		}
		long fresh = one.get(0).issueId();
		long freshBatched = all.get(0).issueId();
		assertThat(all.get(1).issueId()).isEqualTo(freshBatched);
		assertThat(all.get(all.size() - 1).issueId()).as("a repeated event id").isEqualTo(freshBatched);
		assertThat(all.get(all.size() - 2).issueId()).as("an event stored before").isEqualTo(batched.existing());

		assertSame(fresh, freshBatched);
		assertSame(single.existing(), batched.existing());
		assertSame(single.resolved(), batched.resolved());
		assertSame(single.nextRelease(), batched.nextRelease());
		assertSame(single.ignored(), batched.ignored());

		assertThat(issue(freshBatched).eventCount()).isEqualTo(3);
		assertThat(issue(freshBatched).affectedAccounts()).isEqualTo(2);
		assertThat(issue(freshBatched).affectedRequests()).isEqualTo(3);
		assertThat(issue(batched.resolved()).status()).isEqualTo("regressed");
		assertThat(issue(batched.nextRelease()).status()).isEqualTo("regressed");
		assertThat(issue(batched.ignored()).status()).isEqualTo("unresolved");
		mailbox.await(ONCALL, "New issue #" + freshBatched + ":");
		mailbox.await(ONCALL, "Regressed issue #" + batched.resolved() + ":");
		mailbox.await(ONCALL, "Ignored issue is back #" + batched.ignored() + ":");
	}

	/** A new issue (three events, two accounts), then events of the existing issues, then two repeats. */
	private static List<ErrorEvent> batch(Scenario s) {
		String fresh = s.prefix() + " fresh";
		String repeated = hex();
		return List.of(event(fresh, "1.0.0", "acc-1", "r-1", repeated), event(fresh, "1.0.1", "acc-2", "r-2", null),
				event(s.prefix() + " existing", "1.0.0", "acc-1", "r-3", null),
				event(s.prefix() + " resolved", "1.0.0", "acc-3", null, null),
				event(s.prefix() + " existing", null, "acc-1", "r-4", null),
				event(s.prefix() + " next", "1.0.0", null, null, null),
				event(s.prefix() + " ignored", null, null, null, null),
				event(s.prefix() + " next", "2.0.0", null, "r-5", null),
				event(s.prefix() + " ignored", null, null, null, null),
				event(s.prefix() + " resolved", "1.0.0", "acc-3", null, null),
				event(fresh, null, "acc-1", "r-6", null),
				event(s.prefix() + " existing", "1.0.0", null, null, s.storedEventId()),
				event(fresh, "9.9.9", "acc-9", "r-9", repeated));
	}

	private Scenario prepare(ApiClient admin) {
		String prefix = unique("Batch");
		String storedEventId = hex();
		long existing = tracker.capture(event(prefix + " existing", "1.0.0", "acc-1", "r-0", storedEventId)).issueId();
		long resolved = tracker.capture(event(prefix + " resolved", "1.0.0", null, null, null)).issueId();
		long nextRelease = tracker.capture(event(prefix + " next", "1.0.0", null, null, null)).issueId();
		long ignored = tracker.capture(event(prefix + " ignored", null, null, null, null)).issueId();
		String path = "/api/v1/admin/issues/";
		assertThat(admin.patch(path + resolved, Map.of("status", "resolved")).status()).isEqualTo(200);
		assertThat(admin.patch(path + nextRelease, Map.of("status", "resolved", "inNextRelease", true)).status())
				.isEqualTo(200);
		// until two more events: the batch's second reopens it
		assertThat(admin.patch(path + ignored, Map.of("status", "ignored", "ignoreCount", 2)).status()).isEqualTo(200);
		return new Scenario(prefix, existing, resolved, nextRelease, ignored, storedEventId);
	}

	private void assertSame(long single, long batched) {
		Issue a = issue(single);
		Issue b = issue(batched);
		assertThat(b.status()).as("status").isEqualTo(a.status());
		assertThat(b.eventCount()).as("event count").isEqualTo(a.eventCount());
		assertThat(b.affectedRequests()).as("affected requests").isEqualTo(a.affectedRequests());
		assertThat(b.affectedAccounts()).as("affected accounts").isEqualTo(a.affectedAccounts());
		assertThat(b.lastRelease()).as("last release").isEqualTo(a.lastRelease());
		assertThat(b.level()).isEqualTo(a.level());
		assertThat(b.windowCount()).isEqualTo(a.windowCount());
		assertThat(b.ignoreUntilCount()).isEqualTo(a.ignoreUntilCount());
		assertThat(b.nextRelease()).isEqualTo(a.nextRelease());
		assertThat(rows("SELECT release_name FROM error_issue_releases WHERE issue_id = :id ORDER BY release_name", batched))
				.isEqualTo(rows("SELECT release_name FROM error_issue_releases WHERE issue_id = :id ORDER BY release_name", single));
		assertThat(rows("SELECT account_id FROM error_issue_accounts WHERE issue_id = :id ORDER BY account_id", batched))
				.isEqualTo(rows("SELECT account_id FROM error_issue_accounts WHERE issue_id = :id ORDER BY account_id", single));
		assertThat(rows("SELECT action FROM error_issue_history WHERE issue_id = :id ORDER BY id", batched))
				.isEqualTo(rows("SELECT action FROM error_issue_history WHERE issue_id = :id ORDER BY id", single));
		assertThat(rows("SELECT kind FROM error_alerts WHERE issue_id = :id ORDER BY id", batched))
				.isEqualTo(rows("SELECT kind FROM error_alerts WHERE issue_id = :id ORDER BY id", single));
		assertThat(rows("SELECT COALESCE(account_id, '-') FROM error_events WHERE issue_id = :id ORDER BY id", batched))
				.isEqualTo(rows("SELECT COALESCE(account_id, '-') FROM error_events WHERE issue_id = :id ORDER BY id", single));
	}

	private List<String> rows(String sql, long issue) {
		return jdbc.sql(sql).param("id", issue).query(String.class).list();
	}

	private static ErrorEvent event(String text, String release, String account, String requestId, String eventId) {
		ErrorEvent.RequestInfo request = requestId == null ? null
				: new ErrorEvent.RequestInfo("GET", "/things/{id}", requestId);
		return new ErrorEvent(eventId, ErrorEvent.PLEDGE_PROJECT, Instant.now(), "error", "java", List.of(), text, text,
				null, release, "test", null, request, account, Map.of());
	}

	private static String hex() {
		return UUID.randomUUID().toString().replace("-", "");
	}
}
