package eu.pledge.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;

import eu.pledge.protection.Protection;
import eu.pledge.shared.RequestFilter;

/** Turns a blocked address away before anything else runs: no session lookup, no password hashing. */
class BlockedAddressFilter extends RequestFilter {

	private final Protection protection;
	private final Problems problems;

	BlockedAddressFilter(Protection protection, Problems problems) {
		this.protection = protection;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<Duration> blocked = protection.blockedFor(request.getRemoteAddr());
		if (blocked.isEmpty() || request.getRequestURI().startsWith("/css/")) {
			chain.doFilter(request, response);
			return;
		}
		long seconds = Math.max(1, (blocked.get().toMillis() + 999) / 1000);
		response.setHeader("Retry-After", Long.toString(seconds));
		problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "Requests from your network are turned away for "
				+ "a while after many failed sign-ins or suspicious traffic. Please try again in " + Durations.human(seconds) + ".");
	}
}
