/**
 * Codana, the error tracker: every unhandled exception and ERROR log event of Pledge, and the events the
 * vendor's other systems send through the Sentry-compatible ingest, are scrubbed, fingerprinted and grouped
 * into issues that engineers resolve, ignore, assign and discuss; new and regressed issues are mailed.
 * <p>
 * Personal data held: scrubbed request context of error events (account id, request id). Retention: error
 * events are deleted after {@code pledge.errors.retention} (60 days by default).
 * <p>
 * Three sub-packages, internal to the module: {@code capture} (Pledge's own errors and scrubbed log formats),
 * {@code ingest} (the Sentry-compatible endpoint and the error projects' keys) and {@code tracker} (scrubbing,
 * grouping, storing, alerts, the issues' workflow, pages and API). This package holds only what other modules
 * may see: the events it publishes.
 * <p>
 * Depends on {@code accounts} only to mail alerts (the assignee's or the administrators' email) and to check
 * that an assignee is a platform administrator.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Errors (Codana)", allowedDependencies = { "shared", "accounts", "privacy :: spi", "protection" })
package eu.pledge.errors;
