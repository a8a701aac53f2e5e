package eu.pledge.serverlogs;

import java.time.Duration;
import java.time.Instant;

import eu.pledge.shared.AccountId;

/**
 * An HTTP request Pledge has answered: the same facts as its access log line. Published as a Spring
 * application event from a background thread after the response, never inside a transaction: listen with
 * {@code @EventListener} (not {@code @ApplicationModuleListener}, which waits for a commit that never
 * comes). A listener that throws or is slow cannot affect the request; a slow one makes later events drop
 * once the queue is full.
 *
 * @param time when the request arrived
 * @param method the HTTP method
 * @param path the path without the query string (which may carry tokens)
 * @param status the response status
 * @param duration from arrival until the handler returned
 * @param bytes bytes of the response body written by then (0 when unknown)
 * @param userAgent the browser's {@code User-Agent} (shortened to 256 characters), or null
 * @param clientAddress the client IP address as derived by the web edge (trusted proxies honoured)
 * @param requestId the request id (also the {@code X-Request-Id} response header), or null
 * @param account the signed-in account, or null when nobody was signed in
 */
public record RequestCompleted(Instant time, String method, String path, int status, Duration duration,
		long bytes, String userAgent, String clientAddress, String requestId, AccountId account) {

	/** Redacts the client address and user agent, which are personal data. */
	@Override
	public String toString() {
		return "RequestCompleted[" + method + " " + path + " " + status + ", requestId=" + requestId + ", account="
				+ account + "]";
	}
}
