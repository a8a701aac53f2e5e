package eu.pledge.errors.tracker;

import java.time.Clock;
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
 * Takes error events from either source (Pledge's own capture or the ingest), scrubs and fingerprints them, and
 * has the {@link BatchStore} store and group them into issues (new, existing or regressed) and trigger alerts,
 * in one transaction per batch. There is one way to store: a single event is a batch of one.
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
	private final TransactionTemplate transactions;
	private final Clock clock;

	Tracker(BatchStore batches, Scrubber scrubber, PlatformTransactionManager transactionManager, Clock clock) {
		this.batches = batches;
		this.scrubber = scrubber;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/** Scrubs, groups and stores the event (a batch of one). Never throws for a malformed event: it stores what it can. */
	public Captured capture(ErrorEvent event) {
		return captureAll(List.of(event)).get(0);
	}

	/**
	 * Scrubs, groups and stores the events in one transaction, with the same outcome as capturing each in order
	 * (what becomes of each is returned in that order). All or nothing: when it throws, nothing of the batch is
	 * stored, and the caller may capture the events one by one.
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
					log.debug("Lost a race for a fingerprint, an event id or a lock; retrying (attempt {})", attempt);
				}
			}
		}
		finally {
			CaptureGuard.leave(was);
		}
	}
}
