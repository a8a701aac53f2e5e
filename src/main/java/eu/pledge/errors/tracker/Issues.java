package eu.pledge.errors.tracker;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.accounts.Accounts;
import eu.pledge.errors.IssueChanged;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Rejected;
import eu.pledge.shared.StorableText;
import eu.pledge.shared.StorableTime;

/**
 * The engineers' side of the tracker, for the pages and the API alike: list and read issues, resolve (now or
 * in the next release), ignore (for N more events, until a date, or forever), reopen, assign, comment and
 * merge. Every change lands in the issue's history and, as {@link IssueChanged}, in the audit trail.
 */
@Service
@Transactional
class Issues {

	static final int RECENT_EVENTS = 20;
	static final int MOST_IN_BULK = 100;

	/**
	 * One issue with what an engineer needs to work on it.
	 *
	 * @param project the project's name
	 * @param tags each tag's most frequent values with their counts
	 * @param hourly events per hour of the last 24 hours, oldest first
	 * @param daily events per day (UTC) of the last 14 days, oldest first
	 */
	record Detail(Issue issue, String project, List<String> releases, List<IssueStats.Tag> tags,
			List<Trend.Bucket> hourly, List<Trend.Bucket> daily, List<EventRepository.StoredEvent> events,
			List<History.Entry> history, List<History.Comment> comments) {
	}

	/** What a bulk change did: how many of the issues it changed, and how many were that way already. */
	record BulkResult(List<Long> ids, int changed, int unchanged) {
	}

	/**
	 * A change to an issue; null fields stay as they are.
	 *
	 * @param status {@code resolved}, {@code unresolved} or {@code ignored}
	 * @param inNextRelease with {@code resolved}: regress only for events of a later release
	 * @param ignoreCount with {@code ignored}: until this many more events
	 * @param ignoreUntil with {@code ignored}: until this date ({@code 2025-06-01}) or time (ISO-8601)
	 * @param assignee an administrator's account id, or empty to unassign
	 */
	record Change(String status, Boolean inNextRelease, Long ignoreCount, String ignoreUntil, String assignee) {
	}

	private final IssueRepository issues;
	private final IssueQueries queries;
	private final EventRepository events;
	private final History history;
	private final IssueStats stats;
	private final Accounts accounts;
	private final ApplicationEventPublisher publisher;
	private final Clock clock;

	Issues(IssueRepository issues, IssueQueries queries, EventRepository events, History history, IssueStats stats,
			Accounts accounts, ApplicationEventPublisher publisher, Clock clock) {
		this.stats = stats;
		this.issues = issues;
		this.queries = queries;
		this.events = events;
		this.history = history;
		this.accounts = accounts;
		this.publisher = publisher;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public Detail detail(long id) {
		Issue issue = find(id);
		Instant now = clock.instant();
		Map<java.time.Instant, Long> hours = stats.hours(id, Trend.dailyFrom(now));
		return new Detail(issue, queries.projects().getOrDefault(issue.projectId(), "project " + issue.projectId()),
				issues.releases(id), stats.tags(id), Trend.hourly(hours, now), Trend.daily(hours, now),
				events.recent(id, RECENT_EVENTS), history.of(id), history.comments(id));
	}

	/**
	 * Changes the issue under its row lock; what is that way already is not changed again, so neither written to
	 * the history nor audited (forty identical requests at once make one change).
	 */
	public Issue change(long id, Change change, AccountId actor) {
		String assignee = assigneeOf(change);
		apply(locked(id, "id"), change, assignee, actor, clock.instant());
		return find(id);
	}

	/**
	 * The same change to many issues (at most {@value #MOST_IN_BULK}), all or nothing: every id must be an issue
	 * that is not merged. Locked in id order, as the store locks them, so concurrent bulk changes and stores queue
	 * instead of deadlocking; each issue changed is recorded and audited as a single change is.
	 */
	public BulkResult bulk(List<Long> ids, Change change, AccountId actor) {
		if (ids == null || ids.isEmpty() || ids.stream().anyMatch(java.util.Objects::isNull)) {
			throw Rejected.badRequest("ids", "Select at least one issue.");
		}
		List<Long> sorted = ids.stream().distinct().sorted().toList();
		if (sorted.size() > MOST_IN_BULK) {
			throw Rejected.badRequest("ids", "Select at most " + MOST_IN_BULK + " issues at once.");
		}
		if (change == null || change.status() == null && change.assignee() == null) {
			throw Rejected.badRequest("action", "Choose what to do with the selected issues: resolve, ignore, reopen or assign.");
		}
		String assignee = assigneeOf(change);
		Instant now = clock.instant();
		int changed = 0;
		for (long id : sorted) {
			changed += apply(locked(id, "ids"), change, assignee, actor, now) ? 1 : 0;
		}
		return new BulkResult(sorted, changed, sorted.size() - changed);
	}

	private boolean apply(Issue issue, Change change, String assignee, AccountId actor, Instant now) {
		long id = issue.id();
		boolean changed = change.status() != null && setStatus(issue, change, actor, now);
		if (change.assignee() != null && !java.util.Objects.equals(assignee, issue.assignee())) {
			queries.assign(id, assignee);
			history.record(id, now, actor.toString(), assignee == null ? "unassigned" : "assigned", assignee);
			publisher.publishEvent(new IssueChanged(id, actor, assignee == null ? "unassigned" : "assigned",
					assignee == null ? Map.of() : Map.of("assignee", assignee)));
			changed = true;
		}
		return changed;
	}

	/** The assignee a change names, checked before anything is locked or written ("" unassigns: null). */
	private String assigneeOf(Change change) {
		return change == null || change.assignee() == null || change.assignee().isBlank() ? null
				: administrator(change.assignee()).toString();
	}

	/** The issue, locked; 404 (400 in a bulk change, whose request names it) when missing, 409 when merged. */
	private Issue locked(long id, String field) {
		Issue issue = issues.lock(id).orElseThrow(() -> "ids".equals(field)
				? Rejected.badRequest("ids", "There is no issue " + id + ".")
				: new Rejected(HttpStatus.NOT_FOUND, "There is no issue " + id + "."));
		if (Issue.MERGED.equals(issue.status())) {
			throw "ids".equals(field)
					? Rejected.badRequest("ids", "Issue " + id + " was merged into #" + issue.mergedInto() + "; it cannot change.")
					: new Rejected(HttpStatus.CONFLICT, "Issue " + id + " was merged into #" + issue.mergedInto() + ".");
		}
		return issue;
	}

	public void comment(long id, String body, AccountId actor) {
		if (body == null || body.isBlank()) {
			throw Rejected.badRequest("body", "Please write a comment.");
		}
		if (body.length() > 4000) {
			throw Rejected.badRequest("body", "A comment can be at most 4000 characters long.");
		}
		StorableText.requireLines("body", body);
		locked(id, "id"); // retention deleting the issue at this moment either waits for the comment or goes first
		Instant now = clock.instant();
		history.comment(id, actor.toString(), now, body.strip());
		history.record(id, now, actor.toString(), "commented", null);
		publisher.publishEvent(new IssueChanged(id, actor, "commented", Map.of()));
	}

	/** The answer when issue {@code missing}, there when looked up, was deleted by retention before it was locked. */
	private static Rejected gone(long missing, long id) {
		return missing == id ? new Rejected(HttpStatus.NOT_FOUND, "There is no issue " + id + ".")
				: Rejected.badRequest("into", "There is no issue " + missing + ".");
	}

	/** Merges issue {@code id} into {@code into}: its events, counts and fingerprints go there for good. */
	public Issue merge(long id, Long into, AccountId actor) {
		if (into == null) {
			throw Rejected.badRequest("into", "Name the issue to merge into.");
		}
		if (into == id) {
			throw Rejected.badRequest("into", "An issue cannot be merged into itself.");
		}
		open(id);
		if (issues.find(into).isEmpty()) {
			throw Rejected.badRequest("into", "There is no issue " + into + ".");
		}
		open(into);
		// lock in id order: two engineers merging the same pair in opposite directions cannot deadlock
		Issue first = issues.lock(Math.min(id, into)).orElseThrow(() -> gone(Math.min(id, into), id));
		Issue second = issues.lock(Math.max(id, into)).orElseThrow(() -> gone(Math.max(id, into), id));
		Issue source = first.id() == id ? first : second;
		Issue target = first.id() == id ? second : first;
		if (source.projectId() != target.projectId()) {
			throw Rejected.badRequest("into", "Issues of different projects cannot be merged.");
		}
		queries.merge(source, target);
		Instant now = clock.instant();
		history.record(id, now, actor.toString(), "merged", "into #" + into);
		history.record(into, now, actor.toString(), "merged-from", "#" + id);
		publisher.publishEvent(new IssueChanged(id, actor, "merged", Map.of("into", Long.toString(into))));
		return find(into);
	}

	/** Sets the status unless the issue is in that state already; whether it changed. */
	private boolean setStatus(Issue issue, Change change, AccountId actor, Instant now) {
		long id = issue.id();
		Map<String, String> detail = new HashMap<>();
		switch (change.status().trim().toLowerCase()) {
			case "resolved" -> {
				boolean next = Boolean.TRUE.equals(change.inNextRelease());
				if (next && issue.lastRelease() == null) {
					throw Rejected.badRequest("inNextRelease",
							"This issue has no release yet, so it cannot be resolved in the next one; resolve it now instead.");
				}
				String release = next ? issue.lastRelease() : null;
				if (Issue.RESOLVED.equals(issue.status()) && issue.nextRelease() == next
						&& java.util.Objects.equals(issue.resolvedInRelease(), release)) {
					return false;
				}
				queries.setStatus(id, Issue.RESOLVED, now, next, release, null, null);
				if (next) {
					detail.put("nextRelease", "true");
				}
				history.record(id, now, actor.toString(), "resolved", next ? "in the release after " + release : null);
			}
			case "unresolved" -> {
				if (Issue.UNRESOLVED.equals(issue.status())) {
					return false;
				}
				queries.setStatus(id, Issue.UNRESOLVED, null, false, null, null, null);
				history.record(id, now, actor.toString(), "reopened", null);
			}
			case "ignored" -> {
				Long count = change.ignoreCount();
				Instant until = untilOf(change.ignoreUntil(), now);
				if (count != null && count < 1) {
					throw Rejected.badRequest("ignoreCount", "The number of events must be at least 1.");
				}
				Long untilCount = count == null ? null : issue.eventCount() + count;
				if (Issue.IGNORED.equals(issue.status()) && java.util.Objects.equals(issue.ignoreUntilCount(), untilCount)
						&& java.util.Objects.equals(issue.ignoreUntil(), until)) {
					return false;
				}
				queries.setStatus(id, Issue.IGNORED, null, false, null, untilCount, until);
				String rule = count != null ? "for " + count + " more events"
						: until != null ? "until " + until : "forever";
				if (count != null) {
					detail.put("count", Long.toString(count));
				}
				history.record(id, now, actor.toString(), "ignored", rule);
			}
			default -> throw Rejected.badRequest("status", "Status must be resolved, unresolved or ignored.");
		}
		publisher.publishEvent(new IssueChanged(id, actor, statusAction(change.status()), detail));
		return true;
	}

	private static String statusAction(String status) {
		String s = status.trim().toLowerCase();
		return s.equals("unresolved") ? "reopened" : s;
	}

	private static Instant untilOf(String value, Instant now) {
		if (value == null || value.isBlank()) {
			return null;
		}
		Instant until;
		try {
			until = value.contains("T") ? Instant.parse(value.trim())
					: LocalDate.parse(value.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw Rejected.badRequest("ignoreUntil", "Give a date like 2025-06-01 or a time like 2025-06-01T12:00:00Z.");
		}
		if (!until.isAfter(now)) {
			throw Rejected.badRequest("ignoreUntil", "The date must be in the future.");
		}
		return StorableTime.require("ignoreUntil", until);
	}

	private AccountId administrator(String value) {
		AccountId id;
		try {
			id = AccountId.of(value.trim());
		}
		catch (IllegalArgumentException ex) {
			throw Rejected.badRequest("assignee", "The assignee must be an account id.");
		}
		boolean admin;
		try {
			admin = accounts.profile(id).administrator();
		}
		catch (Rejected ex) {
			admin = false;
		}
		if (!admin) {
			throw Rejected.badRequest("assignee", "Issues can only be assigned to a platform administrator.");
		}
		return id;
	}

	private Issue find(long id) {
		return issues.find(id).orElseThrow(() -> new Rejected(HttpStatus.NOT_FOUND, "There is no issue " + id + "."));
	}

	private Issue open(long id) {
		Issue issue = find(id);
		if (Issue.MERGED.equals(issue.status())) {
			throw new Rejected(HttpStatus.CONFLICT, "Issue " + id + " was merged into #" + issue.mergedInto() + ".");
		}
		return issue;
	}
}
