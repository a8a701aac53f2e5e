package eu.pledge.contact;

import java.time.Duration;

import org.springframework.http.HttpStatus;

import eu.pledge.shared.Rejected;

/** The client address has sent its share of messages for the current window. */
class TooManyMessages extends Rejected {

	private final Duration retryAfter;

	TooManyMessages(Duration retryAfter) {
		super(HttpStatus.TOO_MANY_REQUESTS, "You have sent several messages in a short time. Please try again in "
				+ human(retryAfter) + ".");
		this.retryAfter = retryAfter;
	}

	Duration retryAfter() {
		return retryAfter;
	}

	private static String human(Duration wait) {
		long minutes = Math.max(1, (wait.getSeconds() + 59) / 60);
		return minutes < 90 ? minutes + (minutes == 1 ? " minute" : " minutes") : ((minutes + 59) / 60) + " hours";
	}
}
