package eu.pledge.errors.tracker;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes an error event from either source (Pledge's own capture or the ingest), scrubs it, fingerprints it,
 * stores it and groups it into an issue (new, existing or regressed), and triggers alerts.
 * <p>
 * Two nodes capturing the same new bug at once: both create an issue, one commits its fingerprint first, the
 * other's insert hits the primary key, its transaction rolls back and the retry finds the winner's issue.
 */
@Component
public class Tracker {

	private static final Logger log = LoggerFactory.getLogger(Tracker.class);
	private static final int ATTEMPTS = 3;

	/**
	 * What became of one captured event.
	 *
	 * @param issueId the issue it was grouped into
	 * @param newIssue whether the issue was created by this event
	 * @param regressed whether the event reopened a resolved issue
	 */
	public record Captured(long issueId, boolean newIssue, boolean regressed) {
	}

	private final BatchStore batches;
	private final Scrubber scrubber;
	private final IssueRepository issues;
	private final EventRepository events;
	private final Transitions transitions;
	private final Alerts alerts;
	private final ErrorsProperties properties;
	private final TransactionTemplate transactions;
	private final Clock clock;

	Tracker(BatchStore batches, Scrubber scrubber, IssueRepository issues, EventRepository events, Transitions transitions, Alerts alerts,
			ErrorsProperties properties, PlatformTransactionManager transactionManager, Clock clock) {
		this.batches = batches;
		this.scrubber = scrubber;
		this.issues = issues;
		this.events = events;
		this.transitions = transitions;
		this.alerts = alerts;
		this.properties = properties;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/** Scrubs, groups and stores the event. Never throws for a malformed event: it stores what it can. */
	public Captured capture(ErrorEvent event) {
		boolean was = CaptureGuard.enter();
		try {
			return scrubbedAndStored(event);
		}
		finally {
			CaptureGuard.leave(was);
		}
	}

	/**
	 * Scrubs, groups and stores the events in one transaction, with the same outcome as {@link #capture} called
	 * for each in order (what becomes of each is returned in that order). All or nothing: when it throws,
	 * nothing of the batch is stored, and the caller may capture the events one by one.
	 */
	public List<Captured> captureAll(List<ErrorEvent> batch) {
		if (batch.isEmpty()) {
			return List.of();
		}
		boolean was = CaptureGuard.enter();
		try {
			List<BatchStore.Prepared> prepared = new ArrayList<>(batch.size());
			for (ErrorEvent event : batch) {
				ErrorEvent clean = Events.normalize(scrubber.scrub(event));
				prepared.add(new BatchStore.Prepared(clean, Fingerprints.hash(clean)));
			}
			for (int attempt = 1;; attempt++) {
				try {
					return Objects.requireNonNull(transactions.execute(status -> batches.store(prepared, clock.instant())));
				}
				catch (DuplicateKeyException | PessimisticLockingFailureException ex) {
					if (attempt >= ATTEMPTS) {
						throw ex;
					}
					log.debug("Lost a race for a fingerprint, an event id or a lock; retrying the batch (attempt {})", attempt);
				}
			}
		}
		finally {
			CaptureGuard.leave(was);
		}
	}

	private Captured scrubbedAndStored(ErrorEvent event) {
		ErrorEvent clean = Events.normalize(scrubber.scrub(event));
		String hash = Fingerprints.hash(clean);
		for (int attempt = 1;; attempt++) {
			try {
				return Objects.requireNonNull(transactions.execute(status -> store(clean, hash, clock.instant())));
			}
			catch (DuplicateKeyException ex) {
				if (attempt >= ATTEMPTS) {
					throw ex;
				}
				log.debug("Lost a race for fingerprint or event id; retrying (attempt {})", attempt);
			}
		}
	}

	private Captured store(ErrorEvent event, String hash, Instant now) {
		Long known = events.issueOf(event.projectId(), event.eventId()).orElse(null);
		if (known != null) {
			return new Captured(known, false, false); // the same event sent twice (a client's retry)
		}
		boolean newIssue = false;
		Long issueId = issues.byFingerprint(event.projectId(), hash).orElse(null);
		if (issueId == null) {
			issueId = issues.create(event.projectId(), Events.title(event), Events.culprit(event), event.level(), now);
			issues.addFingerprint(event.projectId(), hash, issueId);
			newIssue = true;
		}
		Issue issue = issues.lock(issueId);
		Transitions.Outcome outcome = transitions.onEvent(issue, event, now);
		issues.recordEvent(outcome.issue(), now, event.release());
		events.insert(event, issueId, now);
		if (outcome.issue().eventCount() > properties.eventsPerIssue()) {
			events.trim(issueId, properties.eventsPerIssue()); // merged issues may hold more: trimmed on their next event
		}
		if (event.release() != null) {
			issues.addRelease(issueId, EventRepository.cut(event.release(), 200), now);
		}
		if (event.request() != null && event.request().requestId() != null) {
			issues.addRequest(issueId, EventRepository.cut(event.request().requestId(), 64), now);
		}
		if (event.accountId() != null) {
			issues.addAccount(issueId, EventRepository.cut(event.accountId(), 128), now);
		}
		Alerts.Kind kind = newIssue ? Alerts.Kind.NEW : outcome.alert();
		if (kind != null) {
			alerts.raise(outcome.issue(), kind, now);
		}
		return new Captured(issueId, newIssue, outcome.regressed());
	}
}
