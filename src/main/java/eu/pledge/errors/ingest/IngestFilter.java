package eu.pledge.errors.ingest;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerMapping;

import eu.pledge.shared.Rejected;

/**
 * Serves {@code POST /api/{projectId}/envelope/} and {@code /store/} ({@link SentryIngest}) at the web edge,
 * before Spring Session, the security chain and Spring MVC, none of which the ingest needs: it is authenticated
 * by the DSN key in the request, never by a session or cookie, and every request of an SDK is the same small
 * job, so the ~1 ms of CPU the full request path costs would be most of its work. The edge filters before
 * it still run (request id, client address, access log, blocked addresses, security headers). Any other
 * request, and another method on these paths, goes on down the chain as usual.
 */
class IngestFilter implements Filter {

	private static final Logger log = LoggerFactory.getLogger(IngestFilter.class);

	/** Browser SDKs post from the application's own origin; they read the rate-limit headers. */
	private static final String EXPOSED = "X-Sentry-Error, X-Sentry-Rate-Limits, Retry-After";

	private final SentryIngest ingest;

	IngestFilter(SentryIngest ingest) {
		this.ingest = ingest;
	}

	/** An ingest request: the project id as sent (checked by the ingest) and which of the two endpoints. */
	record Route(String projectId, boolean envelope) {

		/** The route's pattern, which the {@code http.server.requests} timer takes as its {@code uri}. */
		String pattern() {
			return envelope ? "/api/{projectId}/envelope/" : "/api/{projectId}/store/";
		}
	}

	/** The route of a {@code POST /api/{projectId}/envelope/} or {@code /store/}; null for any other request. */
	static Route route(HttpServletRequest request) {
		String uri = request.getRequestURI();
		if (!uri.startsWith("/api/") || !"POST".equals(request.getMethod())) {
			return null;
		}
		int slash = uri.indexOf('/', 5);
		if (slash <= 5) {
			return null;
		}
		int rest = uri.length() - slash;
		if (rest == 10 && uri.startsWith("/envelope/", slash)) {
			return new Route(uri.substring(5, slash), true);
		}
		if (rest == 7 && uri.startsWith("/store/", slash)) {
			return new Route(uri.substring(5, slash), false);
		}
		return null;
	}

	@Override
	public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
			throws IOException, ServletException {
		HttpServletRequest request = (HttpServletRequest) servletRequest;
		Route route = route(request);
		if (route == null) {
			chain.doFilter(servletRequest, servletResponse);
			return;
		}
		HttpServletResponse response = (HttpServletResponse) servletResponse;
		// where Spring MVC leaves the route it matched: the request metrics name the route by it
		request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, route.pattern());
		SentryIngest.Answer answer;
		try {
			answer = route.envelope() ? ingest.envelope(route.projectId(), request) : ingest.store(route.projectId(), request);
		}
		catch (Rejected ex) {
			answer = ingest.refusal(ex.status(), ex.getMessage(), ex.field(), request.getRequestURI());
		}
		catch (RuntimeException ex) { // a bug: recorded like any unhandled exception of the API (ApiProblems)
			log.error("Unhandled exception in the Sentry ingest", ex);
			answer = ingest.refusal(HttpStatus.INTERNAL_SERVER_ERROR,
					"Something went wrong on our side. It has been recorded.", null, request.getRequestURI());
		}
		write(answer, response);
	}

	private static void write(SentryIngest.Answer answer, HttpServletResponse response) throws IOException {
		response.setStatus(answer.status().value());
		response.setHeader("Access-Control-Allow-Origin", "*");
		response.setHeader("Access-Control-Expose-Headers", EXPOSED);
		if (answer.retryAfter() > 0) {
			response.setHeader("Retry-After", Long.toString(answer.retryAfter()));
		}
		if (answer.rateLimits() != null) {
			response.setHeader("X-Sentry-Rate-Limits", answer.rateLimits());
		}
		if (answer.status() == HttpStatus.OK) {
			response.setContentType("application/json");
		}
		else {
			response.setContentType("application/problem+json");
			response.setHeader("X-Sentry-Error", headerValue(answer.detail()));
		}
		response.setContentLength(answer.body().length);
		response.getOutputStream().write(answer.body());
	}

	/** Header values are ISO-8859-1 on the wire: the detail as plain ASCII. */
	private static String headerValue(String detail) {
		StringBuilder value = new StringBuilder(detail.length());
		for (int i = 0; i < detail.length(); i++) {
			char c = detail.charAt(i);
			value.append(c == '…' ? "..." : c >= 0x20 && c < 0x7f ? String.valueOf(c) : "?");
		}
		return value.toString();
	}
}
