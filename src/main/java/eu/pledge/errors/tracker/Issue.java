package eu.pledge.errors.tracker;

import java.time.Instant;

/**
 * One issue: a bug, as many events of the same fingerprint.
 *
 * @param status {@code unresolved}, {@code resolved}, {@code regressed}, {@code ignored} or {@code merged}
 * @param resolvedInRelease for "resolved in the next release": the release current when it was resolved
 * @param ignoreUntilCount ignored until the issue has this many events (null: not by count)
 * @param ignoreUntil ignored until this time (null: not by time; both null while ignored: forever)
 * @param assignee the account id of the engineer it is assigned to, or null
 * @param mergedInto the issue it was merged into, or null
 */
record Issue(long id, long projectId, String title, String culprit, String level, String status, Instant firstSeen,
		Instant lastSeen, long eventCount, long affectedRequests, long affectedAccounts, String lastRelease,
		Instant resolvedAt, boolean nextRelease, String resolvedInRelease, Long ignoreUntilCount, Instant ignoreUntil,
		String assignee, Long mergedInto, Instant windowStart, long windowCount, Instant lastAlertAt) {

	static final String UNRESOLVED = "unresolved";
	static final String RESOLVED = "resolved";
	static final String REGRESSED = "regressed";
	static final String IGNORED = "ignored";
	static final String MERGED = "merged";

	boolean open() {
		return UNRESOLVED.equals(status) || REGRESSED.equals(status);
	}
}
