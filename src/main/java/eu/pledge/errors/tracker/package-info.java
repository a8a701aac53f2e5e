/**
 * The tracker: scrubs each error event (from {@link eu.pledge.errors.capture capture} or the
 * {@link eu.pledge.errors.ingest ingest}), fingerprints and stores it, groups it into an issue (new, existing or
 * regressed) and alerts; the issues' workflow (resolve, ignore, assign, merge, comment) with its pages and API;
 * retention, export and erasure of the stored events. Each source puts its events in a
 * {@link eu.pledge.errors.tracker.TrackerQueue} of its own, whose workers store them in batches.
 * <p>
 * Personal data held: scrubbed request context of error events (account id, request id), deleted after
 * {@code pledge.errors.retention}.
 */
package eu.pledge.errors.tracker;
