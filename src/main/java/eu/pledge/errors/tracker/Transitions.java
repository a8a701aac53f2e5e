package eu.pledge.errors.tracker;

import java.time.Instant;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import eu.pledge.errors.IssueChanged;

/**
 * What a new event does to its issue's state: a resolved issue regresses (unless it was resolved "in the next
 * release" and the event comes from the release that was current then, or has no release), an ignore rule
 * that has run out (count or date) reopens the issue, and the rate window counts towards a spike alert.
 */
@Component
class Transitions {

	/** The issue after the event; {@code alert} is what to tell engineers about it, or null. */
	record Outcome(Issue issue, boolean regressed, Alerts.Kind alert) {
	}

	private final History history;
	private final ApplicationEventPublisher publisher;
	private final ErrorsProperties properties;

	Transitions(History history, ApplicationEventPublisher publisher, ErrorsProperties properties) {
		this.history = history;
		this.publisher = publisher;
		this.properties = properties;
	}

	Outcome onEvent(Issue issue, ErrorEvent event, Instant now) {
		String status = issue.status();
		Instant resolvedAt = issue.resolvedAt();
		boolean nextRelease = issue.nextRelease();
		String resolvedIn = issue.resolvedInRelease();
		Long untilCount = issue.ignoreUntilCount();
		Instant until = issue.ignoreUntil();
		boolean regressed = false;
		Alerts.Kind alert = null;
		if (Issue.RESOLVED.equals(status) && regresses(issue, event)) {
			status = Issue.REGRESSED;
			resolvedAt = null;
			nextRelease = false;
			resolvedIn = null;
			regressed = true;
			alert = Alerts.Kind.REGRESSED;
			String detail = "event " + event.eventId() + (event.release() == null ? "" : " in release " + event.release());
			history.record(issue.id(), now, null, "regressed", detail);
			publisher.publishEvent(new IssueChanged(issue.id(), null, "regressed", Map.of()));
		}
		else if (Issue.IGNORED.equals(status) && ignoreEnded(issue, now)) {
			status = Issue.UNRESOLVED;
			untilCount = null;
			until = null;
			alert = Alerts.Kind.REOPENED;
			history.record(issue.id(), now, null, "ignore-ended", "event " + event.eventId());
			publisher.publishEvent(new IssueChanged(issue.id(), null, "ignore-ended", Map.of()));
		}
		Instant windowStart = issue.windowStart();
		long windowCount = issue.windowCount() + 1;
		if (!now.isBefore(windowStart.plus(properties.alerts().spikeWindow()))) {
			windowStart = now;
			windowCount = 1;
		}
		boolean open = Issue.UNRESOLVED.equals(status) || Issue.REGRESSED.equals(status);
		if (alert == null && open && windowCount == properties.alerts().spikeEvents()) {
			alert = Alerts.Kind.SPIKE;
		}
		Issue after = new Issue(issue.id(), issue.projectId(), issue.title(), issue.culprit(), event.level(), status,
				issue.firstSeen(), now, issue.eventCount() + 1, issue.affectedRequests(), issue.affectedAccounts(),
				event.release() != null ? event.release() : issue.lastRelease(), resolvedAt, nextRelease, resolvedIn,
				untilCount, until, issue.assignee(), issue.mergedInto(), windowStart, windowCount, issue.lastAlertAt());
		return new Outcome(after, regressed, alert);
	}

	/**
	 * Plainly resolved: any event regresses. Resolved in the next release: only an event from another release
	 * than the one current when it was resolved (the old release may still be running for a while).
	 */
	static boolean regresses(Issue issue, ErrorEvent event) {
		if (!issue.nextRelease()) {
			return true;
		}
		return event.release() != null && !event.release().equals(issue.resolvedInRelease());
	}

	private static boolean ignoreEnded(Issue issue, Instant now) {
		if (issue.ignoreUntilCount() != null && issue.eventCount() + 1 >= issue.ignoreUntilCount()) {
			return true;
		}
		return issue.ignoreUntil() != null && !now.isBefore(issue.ignoreUntil());
	}
}
