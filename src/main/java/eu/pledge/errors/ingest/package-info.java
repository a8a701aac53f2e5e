/**
 * The Sentry-compatible ingest: the vendor's other systems send their errors to {@code /api/{projectId}/envelope/}
 * and {@code /store/} with a project's DSN key; the events are read, limited in size and rate, converted to
 * error events and queued for the {@link eu.pledge.errors.tracker tracker}. Also the error projects and their
 * keys (created, issued and revoked by administrators, published as the base package's events).
 * <p>
 * Personal data held: none (projects and key hashes; who created or revoked them is in the audit trail).
 */
package eu.pledge.errors.ingest;
