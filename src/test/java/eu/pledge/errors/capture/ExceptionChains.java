package eu.pledge.errors.capture;

import java.util.List;

import eu.pledge.errors.tracker.ErrorEvent;

/** For the other packages' tests: an exception chain as the capture makes it from a real exception. */
public final class ExceptionChains {

	private ExceptionChains() {
	}

	public static List<ErrorEvent.ExceptionInfo> of(Throwable thrown) {
		return LoggedErrors.chain(thrown);
	}
}
