package eu.pledge.web;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.DisconnectedClientHelper;

import eu.pledge.shared.RequestFilter;

/**
 * The last word on an exception that escapes everything inside it: the edge's refusals, Spring Session (whose
 * session lookup is the first thing to fail when the database is away), the security chain and Spring MVC.
 * Left to the servlet container, such an exception became Spring's default error JSON without a request id,
 * or Tomcat's own HTML page when the error dispatch failed again in the session filter; and it was logged
 * after the request's context was gone. Here it is logged once, on the request thread with its request id (so
 * the error tracker captures it), and answered by {@link ErrorResponses}: 503 when the database cannot be
 * reached, 500 otherwise. It also guards the container's error dispatch, which runs the session and security
 * filters again.
 * <p>
 * A response already committed cannot be replaced: the exception goes on to the container, which aborts it.
 */
class FailureFilter extends RequestFilter {

	private static final Logger log = LoggerFactory.getLogger(FailureFilter.class);

	static final Duration OUTAGE_WARNING_INTERVAL = Duration.ofSeconds(10);

	private final ErrorResponses responses;
	private final AtomicLong nextOutageWarning = new AtomicLong(System.nanoTime());
	private final AtomicLong unavailableSinceWarning = new AtomicLong();

	FailureFilter(ErrorResponses responses) {
		this.responses = responses;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			if (response.isCommitted() || DisconnectedClientHelper.isClientDisconnectedException(ex)) {
				throw ex;
			}
			HttpStatus status = Failures.statusOf(ex instanceof ServletException servlet && servlet.getRootCause() != null
					? servlet.getRootCause() : ex);
			logged(request, response, status, ex);
			responses.write(request, response, status);
		}
	}

	/**
	 * A 500 is logged at ERROR with its exception, on the request thread and under its request id, so the error
	 * tracker captures it with its context. An outage is not a bug: a WARN naming the cause's class, at most one
	 * every {@link #OUTAGE_WARNING_INTERVAL} with the number of 503s since, as every request fails alike.
	 */
	private void logged(HttpServletRequest request, HttpServletResponse response, HttpStatus status, Exception ex) {
		if (status == HttpStatus.SERVICE_UNAVAILABLE) {
			long now = System.nanoTime();
			long next = nextOutageWarning.get();
			if (now - next < 0 || !nextOutageWarning.compareAndSet(next, now + OUTAGE_WARNING_INTERVAL.toNanos())) {
				unavailableSinceWarning.incrementAndGet();
				return;
			}
			long others = unavailableSinceWarning.getAndSet(0);
			log.warn("Answering 503: the database cannot be reached ({} from {}){}", rootCause(ex).getClass().getName(),
					ex.getClass().getName(), others == 0 ? "" : "; " + others + " more 503s since the last warning");
		}
		else if (status.is5xxServerError()) {
			// The error tracker reads the request from these; Spring binds them only further in, and the container's
			// error dispatch runs after the request id filter has finished.
			String requestId = response.getHeader(RequestIdFilter.HEADER);
			boolean restoreId = MDC.get(RequestIdFilter.MDC_KEY) == null && requestId != null;
			boolean bindRequest = RequestContextHolder.getRequestAttributes() == null;
			if (restoreId) {
				MDC.put(RequestIdFilter.MDC_KEY, requestId);
			}
			if (bindRequest) {
				RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request, response));
			}
			try {
				log.error("Unhandled exception in a request", ex);
			}
			finally {
				if (restoreId) {
					MDC.remove(RequestIdFilter.MDC_KEY);
				}
				if (bindRequest) {
					RequestContextHolder.resetRequestAttributes();
				}
			}
		}
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable cause = ex;
		for (int depth = 0; cause.getCause() != null && cause.getCause() != cause && depth < 20; depth++) {
			cause = cause.getCause();
		}
		return cause;
	}
}
