package eu.pledge.errors.tracker;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One error as captured (in Pledge) or received (through the Sentry-compatible ingest), before scrubbing:
 * the common shape both sources produce and {@link Tracker} stores.
 *
 * @param eventId 32 hex characters (Sentry's event_id), unique per event
 * @param projectId the project it belongs to ({@link #PLEDGE_PROJECT} for Pledge's own errors)
 * @param timestamp when it happened
 * @param level {@code fatal}, {@code error}, {@code warning}, {@code info} or {@code debug}
 * @param platform e.g. {@code java}
 * @param exceptions the exception chain, outermost first (Sentry lists it innermost last: reverse on ingest)
 * @param message the formatted message (may contain values: scrubbed before storing)
 * @param messageTemplate the message before formatting ({@code "Order {} failed"}), or null
 * @param fingerprint an explicit fingerprint that overrides grouping, or null/empty
 * @param release the release/version that produced it, or null
 * @param environment e.g. {@code production}
 * @param serverName the node, or null
 * @param request what request it happened in, or null
 * @param accountId the account signed in on that request (Pledge's own id or the sender's user id), or null
 * @param tags further key/values (scrubbed before storing)
 */
public record ErrorEvent(String eventId, long projectId, Instant timestamp, String level, String platform,
		List<ExceptionInfo> exceptions, String message, String messageTemplate, List<String> fingerprint,
		String release, String environment, String serverName, RequestInfo request, String accountId,
		Map<String, String> tags) {

	/** The project Pledge's own errors belong to (created by the errors migration). */
	public static final long PLEDGE_PROJECT = 1;

	public ErrorEvent {
		exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
		fingerprint = fingerprint == null ? List.of() : List.copyOf(fingerprint);
		tags = tags == null ? Map.of() : Map.copyOf(tags);
	}

	@Override
	public String toString() {
		return "ErrorEvent[eventId=" + eventId + ", projectId=" + projectId + "]";
	}

	/** One exception of the chain; {@code frames} innermost call last, as Sentry orders them. */
	public record ExceptionInfo(String type, String value, List<Frame> frames) {

		public ExceptionInfo {
			frames = frames == null ? List.of() : List.copyOf(frames);
		}

		@Override
		public String toString() {
			return "ExceptionInfo[type=" + type + "]";
		}
	}

	/**
	 * One stack frame.
	 *
	 * @param module the class (Java) or module name
	 * @param function the method
	 * @param filename the source file, or null
	 * @param lineno the line, or null
	 * @param inApp whether the frame is the application's own code (not a library's)
	 */
	public record Frame(String module, String function, String filename, Integer lineno, boolean inApp) {
	}

	/**
	 * The request an event happened in. Never a body, cookie, header value or query string: the route
	 * pattern (e.g. {@code /api/v1/organizations/{id}}) rather than the path where it is known.
	 */
	public record RequestInfo(String method, String route, String requestId) {
	}
}
