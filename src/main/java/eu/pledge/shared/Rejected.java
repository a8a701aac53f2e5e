package eu.pledge.shared;

import org.springframework.http.HttpStatus;

/**
 * A request that cannot be honoured, with a message a person understands. The web edge turns it into an RFC
 * 9457 problem response (API) or an inline error (pages). The message must never carry personal data.
 */
public class Rejected extends RuntimeException {

	private final HttpStatus status;
	private final String field;

	public Rejected(HttpStatus status, String message) {
		this(status, null, message);
	}

	public Rejected(HttpStatus status, String field, String message) {
		super(message, null, false, false);
		this.status = status;
		this.field = field;
	}

	public static Rejected badRequest(String field, String message) {
		return new Rejected(HttpStatus.BAD_REQUEST, field, message);
	}

	public HttpStatus status() {
		return status;
	}

	/** The input field at fault, or null when the request as a whole is refused. */
	public String field() {
		return field;
	}
}
