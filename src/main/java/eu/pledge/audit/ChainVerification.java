package eu.pledge.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code POST /api/v1/admin/audit/verification}: every closed period from the oldest retained one recomputed,
 * its signature and its link to the one before checked, and the newest one compared with the {@link ChainHead
 * head}, so that deleting the newest periods shows as well as changing any of them; then every checkpoint of the
 * open periods ({@link Checkpoints}). The first failure, oldest first, is named with a reason (and, in an open
 * period, the checkpoint and event).
 */
@Component
class ChainVerification {

	private static final Logger log = LoggerFactory.getLogger(ChainVerification.class);

	private final Chain chain;
	private final AuditPeriods periods;
	private final ChainHead head;
	private final Checkpoints checkpoints;
	private final Clock clock;
	private final TransactionTemplate transaction;
	private final ApplicationEventPublisher events;

	ChainVerification(Chain chain, AuditPeriods periods, ChainHead head, Checkpoints checkpoints, Clock clock,
			PlatformTransactionManager transactions, ApplicationEventPublisher events) {
		this.events = events;
		this.checkpoints = checkpoints;
		this.chain = chain;
		this.periods = periods;
		this.head = head;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * Checks the chain from the oldest retained period to the newest closed one, and that the newest closed one is
	 * the one the head names.
	 */
	Verification verify() {
		Instant now = clock.instant();
		Verification result = transaction.execute(status -> {
			Optional<ChainHead.Head> found = head.read();
			boolean headIntact = found.isPresent() && (!found.get().anchored() || head.signed(found.get()));
			List<AuditPeriods.ClosedPeriod> all = periods.all();
			Optional<AuditPeriods.ClosedPeriod> last = all.isEmpty() ? Optional.empty()
					: Optional.of(all.get(all.size() - 1));
			LocalDate newest = headIntact ? newest(found.get(), last) : null;
			int checked = 0;
			String expectedPrevious = null;
			for (AuditPeriods.ClosedPeriod period : all) {
				checked++;
				Verification failed = check(period, expectedPrevious, checked, newest);
				if (failed != null) {
					return failed;
				}
				expectedPrevious = period.digest();
			}
			if (!headIntact) {
				return Verification.failed(checked, null, null, "The chain's head is missing or its signature does not "
						+ "match: it was deleted or changed, so the newest closed periods may be gone unnoticed.");
			}
			return head.missing(found.get(), last, now).map(period -> Verification.missing(all.size(), newest, period,
					"Period " + period + " was closed (the chain's head names it) but is gone; closed periods between "
							+ "it and the newest one left may be gone too."))
					.orElseGet(() -> {
						Checkpoints.Outcome open = checkpoints.verify();
						return open.failure() == null ? Verification.intact(all.size(), newest, open)
								: Verification.checkpointFailed(all.size(), newest, open);
					});
		});
		if (!result.valid()) {
			log.warn("Audit chain verification failed at period {}", result.firstInvalidPeriod());
			events.publishEvent(new AuditVerificationFailed(result.firstInvalidPeriod(), clock.instant()));
		}
		return result;
	}

	/** Why {@code period} fails verification, or null when it is intact and linked. */
	private Verification check(AuditPeriods.ClosedPeriod period, String expectedPrevious, int checked,
			LocalDate newest) {
		if (period.form() == Chain.MISSING) {
			return Verification.missing(checked, newest, period.period(), "Period " + period.period()
					+ " was closed but its row was deleted; maintenance recorded it as missing.");
		}
		if (expectedPrevious != null && !expectedPrevious.equals(period.previousDigest())) {
			return Verification.failed(checked, newest, period.period(), "Period " + period.period()
					+ " does not link to the closed period before it: a period between them was removed or replaced.");
		}
		if (!chain.intact(period)) {
			return Verification.failed(checked, newest, period.period(), "The events, digest or signature of period "
					+ period.period() + " do not match what was sealed.");
		}
		return null;
	}

	/** The newest closed period: the head's, or a newer row's (closed by a node older than the head). */
	private static LocalDate newest(ChainHead.Head head, Optional<AuditPeriods.ClosedPeriod> last) {
		LocalDate row = last.map(AuditPeriods.ClosedPeriod::period).orElse(null);
		if (!head.anchored() || row != null && row.isAfter(head.period())) {
			return row;
		}
		return head.period();
	}
}
