package eu.pledge.serverlogs;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;

import eu.pledge.shared.AccountId;

/**
 * A request as the access log records it, for a filter that reports on it itself rather than waiting for
 * {@link RequestCompleted}: its path and the account it was made by.
 */
public final class LoggedRequest {

	/** The longest path recorded; a longer one is cut. */
	static final int MAX_PATH = 512;

	private LoggedRequest() {
	}

	/** The path as sent, without query string or path parameters ({@code ;jsessionid=…}), at most 512 characters. */
	public static String path(HttpServletRequest request) {
		String uri = request.getRequestURI();
		if (uri == null) {
			return null;
		}
		int parameters = uri.indexOf(';');
		String path = parameters < 0 ? uri : uri.substring(0, parameters);
		return path.length() <= MAX_PATH ? path : path.substring(0, MAX_PATH);
	}

	/**
	 * The account the request was made by: known once the security chain has run (a filter outside it asks after
	 * the chain returned); null for anyone not signed in and for a request the chain refused.
	 */
	public static AccountId account(ServletRequest request) {
		return request.getAttribute(SignedInAccountFilter.ATTRIBUTE) instanceof AccountId account ? account : null;
	}
}
