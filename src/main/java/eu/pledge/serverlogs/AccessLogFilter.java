package eu.pledge.serverlogs;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.util.ClassUtils;

import eu.pledge.shared.ErasedRequests;
import eu.pledge.shared.RequestFilter;

/**
 * Records every request once it is answered, in the access log and in the {@code http.server.requests} timer
 * ({@link RequestTimers}), from one timing. It runs just inside the web edge's request id and client
 * address filters (so both are known) and outside everything that may refuse a request (blocked address,
 * size limit, same-origin rule, the security chain), so refusals are logged too. Whatever goes wrong here is
 * swallowed: logging never fails a request.
 * <p>
 * Never logged: the query string (it may carry a token, e.g. {@code /verify?token=…}), path parameters
 * ({@code ;jsessionid=…}), cookies, the {@code Authorization} header, any body.
 */
class AccessLogFilter extends RequestFilter {

	private static final Logger log = LoggerFactory.getLogger(AccessLogFilter.class);

	static final int MAX_USER_AGENT = 256;

	private static final boolean TOMCAT = ClassUtils.isPresent("org.apache.catalina.connector.ResponseFacade",
			AccessLogFilter.class.getClassLoader());

	private final AccessLog accessLog;
	private final RequestTimers timers;
	private final Clock clock;

	AccessLogFilter(AccessLog accessLog, RequestTimers timers, Clock clock) {
		this.accessLog = accessLog;
		this.timers = timers;
		this.clock = clock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Instant time = clock.instant();
		long start = System.nanoTime();
		Throwable failure = null;
		try {
			chain.doFilter(request, response);
		}
		catch (Throwable ex) {
			failure = ex;
			throw ex;
		}
		finally {
			long nanos = System.nanoTime() - start;
			// An exception escaping the chain becomes a 500 once the container handles it.
			int status = failure != null ? 500 : response.getStatus();
			try {
				accessLog.offer(record(request, response, time, nanos, status));
				timers.record(request, response, status, failure, nanos);
			}
			catch (RuntimeException ex) {
				log.warn("Access log record not made: {}", ex.getClass().getName());
			}
		}
	}

	private static RequestCompleted record(HttpServletRequest request, HttpServletResponse response, Instant time,
			long nanos, int status) {
		String requestId = MDC.get("requestId");
		if (requestId == null) {
			requestId = response.getHeader("X-Request-Id");
		}
		if (ErasedRequests.isMarked(request)) { // the erasure removed every earlier trace: leave no new one
			return new RequestCompleted(time, request.getMethod(), LoggedRequest.path(request), status,
					Duration.ofNanos(nanos), bytes(response), null, null, requestId, null);
		}
		return new RequestCompleted(time, request.getMethod(), LoggedRequest.path(request), status,
				Duration.ofNanos(nanos), bytes(response), shorten(request.getHeader("User-Agent"), MAX_USER_AGENT),
				request.getRemoteAddr(), requestId, LoggedRequest.account(request));
	}

	/** Bytes of the body written so far; Tomcat counts them anyway, so ask it rather than wrap the stream. */
	private static long bytes(HttpServletResponse response) {
		ServletResponse inner = response;
		while (inner instanceof ServletResponseWrapper wrapper) {
			inner = wrapper.getResponse();
		}
		if (TOMCAT && inner instanceof org.apache.catalina.connector.ResponseFacade tomcat) {
			return tomcat.getContentWritten();
		}
		String length = response.getHeader("Content-Length");
		try {
			return length == null ? 0 : Long.parseLong(length);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static String shorten(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}
}
