package eu.pledge.patrol;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import eu.pledge.serverlogs.LoggedRequest;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.RequestFilter;

/**
 * The honeytrap detection point, on the request's own thread: a request for a {@link Honeytraps honeytrap} is
 * reported by this filter, not when the access log's writer gets to it (which lets requests gather for up to
 * 10 ms), so that the ban it earns is in force sooner. A request without cookies or {@code Authorization} (a
 * scanner's) is reported as it arrives, since nobody can be signed in on it; any other once it was answered, with
 * the account the access log records for it. It sits just inside the refusal of blocked addresses: an address
 * turned away there (429) reports nothing, as before; every refusal further in (size, origin, the security chain)
 * still reports.
 */
final class HoneytrapSensor extends RequestFilter {

	private final Patrol patrol;
	private final Honeytraps honeytraps;
	private final Clock clock;

	HoneytrapSensor(Patrol patrol, Honeytraps honeytraps, Clock clock) {
		this.patrol = patrol;
		this.honeytraps = honeytraps;
		this.clock = clock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		String path = LoggedRequest.path(request);
		if (!honeytraps.contains(path)) {
			chain.doFilter(request, response);
			return;
		}
		Instant at = clock.instant();
		if (request.getCookies() == null && request.getHeader("Authorization") == null) {
			report(request, path, null, at); // nobody can be signed in: at once, before the answer is even made
			chain.doFilter(request, response);
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (response.getStatus() != 429) { // turned away further in: not a probe
				report(request, path, LoggedRequest.account(request), at);
			}
		}
	}

	private void report(HttpServletRequest request, String path, AccountId account, Instant at) {
		patrol.report(new Detection(Point.HONEYTRAP, request.getRemoteAddr(), account, Detection.PLEDGE,
				request.getMethod() + " " + Sensors.cut(path), at));
	}
}
