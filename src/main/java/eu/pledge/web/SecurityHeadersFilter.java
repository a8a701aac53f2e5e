package eu.pledge.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import eu.pledge.shared.RequestFilter;
import eu.pledge.shared.Route;

/**
 * Writes the {@link SecurityHeaders} on the answers of the routes that their module serves before the security
 * chain ({@link Route#servedBeforeTheChain()}: the error tracker's Sentry ingest), so they carry the same headers as
 * every other response. Every other request passes untouched: the chain writes its headers.
 */
class SecurityHeadersFilter extends RequestFilter {

	private final List<HeaderWriter> writers;
	private final RequestMatcher beforeTheChain;

	SecurityHeadersFilter(WebProperties web, List<Route> beforeTheChain) {
		this.writers = SecurityHeaders.writers(web);
		List<RequestMatcher> matchers = beforeTheChain.stream()
				.map(route -> (RequestMatcher) PathPatternRequestMatcher.pathPattern(route.method(), route.pattern()))
				.toList();
		this.beforeTheChain = matchers.isEmpty() ? request -> false : new OrRequestMatcher(matchers);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		// cheap test first: every route before the chain is an API route that takes a body
		return !request.getRequestURI().startsWith("/api/") || !"POST".equals(request.getMethod())
				|| !beforeTheChain.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		for (HeaderWriter writer : writers) {
			writer.writeHeaders(request, response);
		}
		chain.doFilter(request, response);
	}
}
