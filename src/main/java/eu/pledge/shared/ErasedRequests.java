package eu.pledge.shared;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Marks the request that erased an account. Whatever records the request after it was handled (the access log,
 * the request stream) must then leave out the client address, browser and account: the erasure has already
 * removed every earlier trace, and the request that asked for it must not leave a new one.
 */
public final class ErasedRequests {

	private static final String ATTRIBUTE = ErasedRequests.class.getName();

	private ErasedRequests() {
	}

	public static void mark(HttpServletRequest request) {
		request.setAttribute(ATTRIBUTE, Boolean.TRUE);
	}

	public static boolean isMarked(HttpServletRequest request) {
		return Boolean.TRUE.equals(request.getAttribute(ATTRIBUTE));
	}
}
