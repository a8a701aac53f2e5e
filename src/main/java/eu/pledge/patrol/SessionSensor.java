package eu.pledge.patrol;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

import eu.pledge.protection.Protection;
import eu.pledge.sessions.SessionTermination;
import eu.pledge.shared.AccountId;

/**
 * The session detection points, just inside Spring Session's filter, before anything further in could end or
 * renew the session:
 * <ul>
 * <li>{@link Point#UNKNOWN_SESSION}: the request carries a session cookie whose id names no session (forged,
 * guessed, or expired). The detection holds a pseudonym of the id presented, so a rule can count distinct ids.</li>
 * <li>{@link Point#SESSION_HIJACK_SUSPECTED}: a live session used from another address <em>and</em> another
 * browser ({@code User-Agent}) than its previous request within {@link #RECENT}. A phone that changes networks
 * keeps its browser and is not suspected.</li>
 * </ul>
 * What the second needs (per session pseudonym: the previous request's address key, a hash of its user agent and
 * when) stays in this node's memory for {@link #RECENT} at most and for {@link #CAPACITY} sessions at most; nothing
 * new is stored in the session or the database. A session whose requests alternate between two nodes within
 * minutes is compared on each node with its own previous requests only.
 */
class SessionSensor implements Filter {

	static final Duration RECENT = Duration.ofMinutes(10);
	static final int CAPACITY = 20_000;

	private record Seen(String address, int agent, Instant at) {

		@Override
		public String toString() {
			return "Seen[" + at + "]";
		}
	}

	private final Patrol patrol;
	private final Protection protection;
	private final Clock clock;
	private final Map<String, Seen> recent = new LinkedHashMap<>(1024, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
			return size() > CAPACITY;
		}
	};

	SessionSensor(Patrol patrol, Protection protection, Clock clock) {
		this.patrol = patrol;
		this.protection = protection;
		this.clock = clock;
	}

	@Override
	public void doFilter(ServletRequest servletRequest, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		HttpServletRequest request = (HttpServletRequest) servletRequest;
		try {
			inspect(request);
		}
		catch (RuntimeException ex) {
			// a sensor never fails a request; a session store that cannot be read fails it further in, as before
		}
		chain.doFilter(servletRequest, response);
	}

	private void inspect(HttpServletRequest request) {
		String id = request.getRequestedSessionId(); // Spring Session's: looks the cookie's id up (once per request)
		if (id == null) {
			return;
		}
		String session = SessionTermination.pseudonym(id); // the name end-sessions finds it by
		Instant now = clock.instant();
		if (!request.isRequestedSessionIdValid()) {
			patrol.report(new Detection(Point.UNKNOWN_SESSION, request.getRemoteAddr(), null, Detection.PLEDGE, null,
					now, session));
			return;
		}
		String address = protection.addressKey(request.getRemoteAddr()).orElse(null);
		int agent = Objects.hashCode(request.getHeader("User-Agent"));
		Seen before;
		synchronized (recent) {
			before = recent.put(session, new Seen(address, agent, now));
		}
		if (before != null && !before.at().isBefore(now.minus(RECENT)) && !Objects.equals(before.address(), address)
				&& before.agent() != agent) {
			patrol.report(new Detection(Point.SESSION_HIJACK_SUSPECTED, request.getRemoteAddr(), account(request),
					Detection.PLEDGE, null, now, session));
		}
	}

	/** The account the session is signed in to, or null: the one whose session a theft would end. */
	private static AccountId account(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		Object context = session == null ? null
				: session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
		if (context instanceof SecurityContext security && security.getAuthentication() != null
				&& security.getAuthentication().isAuthenticated()) {
			try {
				return AccountId.from(security.getAuthentication());
			}
			catch (RuntimeException notAnAccount) {
				return null;
			}
		}
		return null;
	}
}
