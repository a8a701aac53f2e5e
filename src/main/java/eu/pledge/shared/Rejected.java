package eu.pledge.shared;

import org.springframework.http.HttpStatus;

/**
 * A request that cannot be honoured, with a message a person understands. The web edge turns it into an RFC
 * 9457 problem response (API) or an inline error (pages). The message must never carry personal data.
 */
public class Rejected extends RuntimeException {

	private final HttpStatus status;
	private final String field;
	private final long retryAfterSeconds;

	public Rejected(HttpStatus status, String message) {
		this(status, null, message);
	}

	public Rejected(HttpStatus status, String field, String message) {
		this(status, field, message, 0);
	}

	private Rejected(HttpStatus status, String field, String message, long retryAfterSeconds) {
		super(message, null, false, false);
		this.status = status;
		this.field = field;
		this.retryAfterSeconds = retryAfterSeconds;
	}

	/** 429: too many attempts at {@code field}; the answer carries {@code Retry-After}. */
	public static Rejected tooManyAttempts(String field, long retryAfterSeconds) {
		return new Rejected(HttpStatus.TOO_MANY_REQUESTS, field,
				"Too many attempts. Please try again in " + retryAfterSeconds + " seconds.", retryAfterSeconds);
	}

	/** 429 with {@code message}; the answer carries {@code Retry-After}. */
	public static Rejected tooMany(String message, long retryAfterSeconds) {
		return new Rejected(HttpStatus.TOO_MANY_REQUESTS, null, message, retryAfterSeconds);
	}

	public static Rejected badRequest(String field, String message) {
		return new Rejected(HttpStatus.BAD_REQUEST, field, message);
	}

	public HttpStatus status() {
		return status;
	}

	/** Seconds the client should wait before trying again; 0 when the refusal is not about time. */
	public long retryAfterSeconds() {
		return retryAfterSeconds;
	}

	/** The input field at fault, or null when the request as a whole is refused. */
	public String field() {
		return field;
	}
}
