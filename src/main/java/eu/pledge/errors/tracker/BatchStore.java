package eu.pledge.errors.tracker;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.stereotype.Component;

/**
 * Stores a batch of scrubbed, fingerprinted events inside one transaction (the caller's), the only way events
 * are stored (a single event is a batch of one), with the same outcome as storing them one by one in their
 * order: each issue's events go through {@link Transitions} one after another in memory (regression, ignore
 * rules, spike window, alerts and their cooldown), and then the issue is written once, its events inserted in
 * one JDBC batch, its releases, requests and accounts added in one batch each, its tag values and events per
 * hour counted in one batch ({@link IssueStats}) and its events trimmed once.
 * <p>
 * Locks are taken in one order so that two batches (two workers, two nodes) never wait on each other in a
 * cycle: new fingerprints first, in hash order, then the issue rows, in id order.
 */
@Component
class BatchStore {

	/** One event ready to store: scrubbed and normalised, with its fingerprint hash. */
	record Prepared(ErrorEvent event, String hash) {
	}

	private final IssueRepository issues;
	private final EventRepository events;
	private final Transitions transitions;
	private final Alerts alerts;
	private final IssueStats stats;
	private final ErrorsProperties properties;

	BatchStore(IssueRepository issues, EventRepository events, Transitions transitions, Alerts alerts,
			IssueStats stats, ErrorsProperties properties) {
		this.issues = issues;
		this.stats = stats;
		this.events = events;
		this.transitions = transitions;
		this.alerts = alerts;
		this.properties = properties;
	}

	/** What became of each event, in the batch's order. Must run in a transaction. */
	List<Tracker.Captured> store(List<Prepared> batch, Instant now) {
		Tracker.Captured[] results = new Tracker.Captured[batch.size()];
		Map<Long, Map<String, Long>> knownEvents = knownEvents(batch);
		// project → hash → the batch's indexes (in order), for the events not stored before
		Map<Long, Map<String, List<Integer>>> groups = new TreeMap<>();
		Map<String, Integer> firstOfEventId = new HashMap<>();
		List<Integer> repeats = new ArrayList<>();
		for (int i = 0; i < batch.size(); i++) {
			ErrorEvent event = batch.get(i).event();
			Long known = knownEvents.get(event.projectId()).get(event.eventId());
			if (known != null) {
				results[i] = new Tracker.Captured(known, false, false); // the same event sent twice (a client's retry)
			}
			else if (firstOfEventId.putIfAbsent(event.projectId() + "/" + event.eventId(), i) != null) {
				repeats.add(i); // twice in this batch: the first one counts
			}
			else {
				groups.computeIfAbsent(event.projectId(), p -> new TreeMap<>())
						.computeIfAbsent(batch.get(i).hash(), h -> new ArrayList<>()).add(i);
			}
		}
		Map<Long, List<Integer>> byIssue = new TreeMap<>();
		Set<Long> created = new LinkedHashSet<>();
		for (Map.Entry<Long, Map<String, List<Integer>>> project : groups.entrySet()) {
			Map<String, Long> found = issues.byFingerprints(project.getKey(), project.getValue().keySet());
			for (Map.Entry<String, List<Integer>> group : project.getValue().entrySet()) { // hash order
				Long issueId = found.get(group.getKey());
				if (issueId == null) {
					ErrorEvent first = batch.get(group.getValue().get(0)).event();
					issueId = issues.create(first.projectId(), Events.title(first), Events.culprit(first), first.level(), now);
					issues.addFingerprint(first.projectId(), group.getKey(), issueId);
					created.add(issueId);
				}
				byIssue.computeIfAbsent(issueId, id -> new ArrayList<>()).addAll(group.getValue());
			}
		}
		List<ErrorEvent> toInsert = new ArrayList<>();
		List<Long> issueOfInsert = new ArrayList<>();
		Map<IssueRepository.Attached, Map<Long, Set<String>>> attached = new LinkedHashMap<>();
		for (IssueRepository.Attached kind : IssueRepository.Attached.values()) {
			attached.put(kind, new TreeMap<>());
		}
		List<Long> toTrim = new ArrayList<>();
		IssueStats.Counts counts = new IssueStats.Counts();
		for (Map.Entry<Long, List<Integer>> entry : byIssue.entrySet()) { // id order: the lock order
			long issueId = entry.getKey();
			// Found by its fingerprint a moment ago, and deleted since by retention (closed for the whole retention
			// period): the caller's retry finds the fingerprint gone and opens a new issue.
			Issue issue = issues.lock(issueId).orElseThrow(() -> new CannotAcquireLockException(
					"An issue was deleted by retention while an event for it was being stored"));
			boolean fresh = created.contains(issueId);
			String release = null;
			for (int index : entry.getValue()) {
				ErrorEvent event = batch.get(index).event();
				Transitions.Outcome outcome = transitions.onEvent(issue, event, now);
				issue = outcome.issue();
				Alerts.Kind kind = fresh ? Alerts.Kind.NEW : outcome.alert();
				if (kind != null && alerts.raise(issue, kind, now)) {
					issue = withLastAlert(issue, now);
				}
				results[index] = new Tracker.Captured(issueId, fresh, outcome.regressed());
				fresh = false;
				release = event.release() != null ? event.release() : release;
				toInsert.add(event);
				issueOfInsert.add(issueId);
				attach(attached, issueId, event);
				counts.add(issueId, event, now);
			}
			issues.recordEvents(issue, entry.getValue().size(), now, release);
			if (issue.eventCount() > properties.eventsPerIssue()) {
				toTrim.add(issueId);
			}
		}
		events.insertAll(toInsert, issueOfInsert, now);
		for (long issueId : toTrim) {
			events.trim(issueId, properties.eventsPerIssue()); // once per issue and batch
		}
		attached.forEach((kind, values) -> issues.addAll(kind, values, now));
		stats.record(counts, now); // tag values and hours: one batched update and insert for the whole batch
		for (int index : repeats) {
			ErrorEvent event = batch.get(index).event();
			results[index] = new Tracker.Captured(results[firstOfEventId.get(event.projectId() + "/" + event.eventId())]
					.issueId(), false, false);
		}
		return List.of(results);
	}

	private Map<Long, Map<String, Long>> knownEvents(List<Prepared> batch) {
		Map<Long, Set<String>> ids = new HashMap<>();
		batch.forEach(p -> ids.computeIfAbsent(p.event().projectId(), k -> new LinkedHashSet<>()).add(p.event().eventId()));
		Map<Long, Map<String, Long>> known = new HashMap<>();
		ids.forEach((project, eventIds) -> known.put(project, events.known(project, eventIds)));
		return known;
	}

	private static void attach(Map<IssueRepository.Attached, Map<Long, Set<String>>> attached, long issueId,
			ErrorEvent event) {
		if (event.release() != null) {
			add(attached, IssueRepository.Attached.RELEASES, issueId, EventRepository.cut(event.release(), 200));
		}
		if (event.request() != null && event.request().requestId() != null) {
			add(attached, IssueRepository.Attached.REQUESTS, issueId, EventRepository.cut(event.request().requestId(), 64));
		}
		if (event.accountId() != null) {
			add(attached, IssueRepository.Attached.ACCOUNTS, issueId, EventRepository.cut(event.accountId(), 128));
		}
	}

	private static void add(Map<IssueRepository.Attached, Map<Long, Set<String>>> attached,
			IssueRepository.Attached kind, long issueId, String value) {
		attached.get(kind).computeIfAbsent(issueId, id -> new LinkedHashSet<>()).add(value);
	}

	private static Issue withLastAlert(Issue i, Instant now) {
		return new Issue(i.id(), i.projectId(), i.title(), i.culprit(), i.level(), i.status(), i.firstSeen(),
				i.lastSeen(), i.eventCount(), i.affectedRequests(), i.affectedAccounts(), i.lastRelease(),
				i.resolvedAt(), i.nextRelease(), i.resolvedInRelease(), i.ignoreUntilCount(), i.ignoreUntil(),
				i.assignee(), i.mergedInto(), i.windowStart(), i.windowCount(), now);
	}
}
