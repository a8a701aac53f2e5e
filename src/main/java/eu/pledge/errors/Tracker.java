package eu.pledge.errors;

import org.springframework.stereotype.Component;

/**
 * Takes an error event from either source (Pledge's own capture or the ingest), scrubs it, fingerprints it,
 * stores it and groups it into an issue (new, existing or regressed), and triggers alerts.
 */
@Component
class Tracker {

	/**
	 * What became of one captured event.
	 *
	 * @param issueId the issue it was grouped into
	 * @param newIssue whether the issue was created by this event
	 * @param regressed whether the event reopened a resolved issue
	 */
	record Captured(long issueId, boolean newIssue, boolean regressed) {
	}

	/** Scrubs, groups and stores the event. Never throws for a malformed event: it stores what it can. */
	Captured capture(ErrorEvent event) {
		throw new UnsupportedOperationException("not built yet (issue 4, errors core)");
	}
}
