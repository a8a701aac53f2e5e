/**
 * Server logs: one JSON line per HTTP request in the access log, the application log as JSON, daily rotation,
 * compression after a day, deletion after the retention, a size cap; and the same request stream published
 * inside Pledge as {@link eu.pledge.serverlogs.RequestCompleted} for the error tracker and the security
 * monitor. Writing never blocks or fails a request.
 * <p>
 * Personal data held: per request the client IP address, the browser's user agent and the account id, in the
 * access log files ({@code access.json*} in {@code pledge.serverlogs.directory}); never a query string,
 * cookie, token or password. Retention: {@code pledge.serverlogs.retention} (60 days by default; the privacy
 * notice reads the same value), by the date in the file name.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Server logs", allowedDependencies = { "shared", "privacy :: spi" })
package eu.pledge.serverlogs;
