package eu.pledge.errors.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import eu.pledge.testing.AtOnce;

class GroupingTests extends ErrorsHttpTest {

	/** The same bug, thrown from two lines of one method. */
	static IllegalStateException orderFailure(boolean firstLine, int order) {
		try {
			if (firstLine) {
				throw new IllegalStateException("order " + order + " failed");
			}
			throw new IllegalStateException("order " + order + " failed");
		}
		catch (IllegalStateException ex) {
			return ex;
		}
	}

	/** Another bug: same type, another method. */
	static IllegalStateException invoiceFailure() {
		return new IllegalStateException("order 1 failed");
	}

	@Test
	void theSameBugThrownFromTwoLinesOfOneMethodIsOneIssue() {
		Tracker.Captured first = tracker.capture(event(orderFailure(true, 17), "1.0.0"));
		Tracker.Captured second = tracker.capture(event(orderFailure(false, 18), "1.0.0"));
		assertThat(first.newIssue()).isTrue();
		assertThat(second.newIssue()).isFalse();
		assertThat(second.issueId()).isEqualTo(first.issueId());
		Issue issue = issue(first.issueId());
		assertThat(issue.eventCount()).isEqualTo(2);
		assertThat(issue.title()).startsWith("java.lang.IllegalStateException: order");
		assertThat(issue.culprit()).isEqualTo(GroupingTests.class.getName() + ".orderFailure");
		String frames = jdbc.sql("SELECT exceptions FROM error_events WHERE issue_id = :id ORDER BY id DESC LIMIT 1")
				.param("id", first.issueId()).query(String.class).single();
		assertThat(frames).contains("\"function\":\"orderFailure\"", "\"inApp\":true", "\"lineno\":");
	}

	@Test
	void differentBugsAreDifferentIssues() {
		long order = tracker.capture(event(orderFailure(true, 1), "1.0.0")).issueId();
		long invoice = tracker.capture(event(invoiceFailure(), "1.0.0")).issueId();
		long other = tracker.capture(event(new IllegalArgumentException("order 1 failed"), "1.0.0")).issueId();
		assertThat(List.of(order, invoice, other)).doesNotHaveDuplicates();
	}

	@Test
	void messagesWithoutAStackGroupByTheirTemplate() {
		String base = unique("Payment provider timed out");
		long a = tracker.capture(message(base + " after 3000 ms for 6f1c2a8e-3b7d-4c55-9e0a-1d2b3c4d5e6f", null)).issueId();
		long b = tracker.capture(message(base + " after 12 ms for 0b1c2a8e-3b7d-4c55-9e0a-1d2b3c4d5e60", null)).issueId();
		long c = tracker.capture(message(unique("Payment provider refused"), null)).issueId();
		assertThat(b).isEqualTo(a);
		assertThat(c).isNotEqualTo(a);
	}

	@Test
	void anExplicitFingerprintOverridesGroupingAndDefaultStandsForTheUsualParts() {
		String flow = unique("checkout");
		long one = tracker.capture(withFingerprint(event(orderFailure(true, 1), null), List.of(flow))).issueId();
		long two = tracker.capture(withFingerprint(event(invoiceFailure(), null), List.of(flow))).issueId();
		assertThat(two).isEqualTo(one);

		long tenantA = tracker.capture(withFingerprint(event(invoiceFailure(), null), List.of("{{ default }}", flow + "a"))).issueId();
		long tenantB = tracker.capture(withFingerprint(event(invoiceFailure(), null), List.of("{{ default }}", flow + "b"))).issueId();
		long again = tracker.capture(withFingerprint(event(invoiceFailure(), null), List.of("{{ default }}", flow + "a"))).issueId();
		assertThat(tenantA).isNotEqualTo(tenantB);
		assertThat(again).isEqualTo(tenantA);
	}

	@Test
	void twoNodesCapturingTheSameNewBugAtOnceEndWithOneIssue() throws Exception {
		String text = unique("Concurrent new bug");
		int threads = 8;
		List<Tracker.Captured> results = AtOnce.times(threads, () -> tracker.capture(message(text, null)));
		List<Long> issues = results.stream().map(Tracker.Captured::issueId).toList();
		long created = results.stream().filter(Tracker.Captured::newIssue).count();
		assertThat(issues).containsOnly(issues.get(0));
		assertThat(count("SELECT COUNT(*) FROM error_issues WHERE title = ?", text)).isEqualTo(1);
		assertThat(issue(issues.get(0)).eventCount()).isEqualTo(threads);
		assertThat(created).isEqualTo(1);
	}

	@Test
	void theSameEventSentTwiceIsStoredOnce() {
		ErrorEvent event = message(unique("Retried delivery"), null);
		ErrorEvent withId = new ErrorEvent("0123456789abcdef0123456789abcdef", event.projectId(), Instant.now(), "error",
				"java", List.of(), event.message(), null, null, null, "test", null, null, null, Map.of());
		long first = tracker.capture(withId).issueId();
		long second = tracker.capture(withId).issueId();
		assertThat(second).isEqualTo(first);
		assertThat(issue(first).eventCount()).isEqualTo(1);
	}

	@Test
	void anIssueKeepsItsLatestHundredEventsAndCountsThemAll() {
		String text = unique("Frequent bug");
		long id = 0;
		List<String> sent = new ArrayList<>();
		for (int i = 0; i < 105; i++) {
			ErrorEvent m = message(text, "1.0.0");
			String eventId = java.util.UUID.randomUUID().toString().replace("-", "");
			ErrorEvent event = new ErrorEvent(eventId, m.projectId(), m.timestamp(), m.level(), m.platform(),
					m.exceptions(), m.message(), m.messageTemplate(), m.fingerprint(), m.release(), m.environment(),
					m.serverName(), m.request(), m.accountId(), m.tags());
			sent.add(eventId);
			id = tracker.capture(event).issueId();
		}
		assertThat(issue(id).eventCount()).isEqualTo(105);
		assertThat(count("SELECT COUNT(*) FROM error_events WHERE issue_id = ?", id)).isEqualTo(100);
		assertThat(jdbc.sql("SELECT event_id FROM error_events WHERE issue_id = :id").param("id", id)
				.query(String.class).list()).containsExactlyInAnyOrderElementsOf(sent.subList(5, 105));
	}

	static ErrorEvent withFingerprint(ErrorEvent e, List<String> fingerprint) {
		return new ErrorEvent(e.eventId(), e.projectId(), e.timestamp(), e.level(), e.platform(), e.exceptions(),
				e.message(), e.messageTemplate(), fingerprint, e.release(), e.environment(), e.serverName(), e.request(),
				e.accountId(), e.tags());
	}
}
