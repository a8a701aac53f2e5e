package eu.pledge.privacy.spi;

import java.time.Instant;

/**
 * One retention rule of the inventory, applied by the privacy module's sweeper. The sweeper makes sure only one
 * node runs a rule at a time and records each run, with its count, in the audit trail.
 */
public interface RetentionRule {

	/** A stable name, e.g. {@code ip-records}, {@code audit-events}. */
	String name();

	/** The inventory category whose data this rule deletes. */
	String category();

	/**
	 * Deletes (or destroys) everything past its period at {@code now}. Idempotent and resumable: work in
	 * batches that each commit, so a crash leaves nothing half-done that a later run cannot finish.
	 *
	 * @return how many items were deleted
	 */
	long sweep(Instant now);
}
