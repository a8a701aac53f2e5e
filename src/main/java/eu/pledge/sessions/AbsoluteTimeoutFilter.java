package eu.pledge.sessions;

import java.io.IOException;
import java.time.Clock;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.RequestFilter;

/**
 * Ends a session once it is older than the absolute timeout, however active it is; the idle timeout alone
 * would let a stolen cookie live forever with regular use. Runs after Spring Session and before Spring
 * Security, so the request then continues as anonymous.
 */
class AbsoluteTimeoutFilter extends RequestFilter {

	private final SessionsProperties properties;
	private final Clock clock;
	private final ApplicationEventPublisher events;

	AbsoluteTimeoutFilter(SessionsProperties properties, Clock clock, ApplicationEventPublisher events) {
		this.properties = properties;
		this.clock = clock;
		this.events = events;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		if (session != null && session.getAttribute(SignIn.SIGNED_IN_AT) instanceof Long signedInAt
				&& clock.millis() - signedInAt > properties.absoluteTimeout().toMillis()) {
			Object context = session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
			session.invalidate();
			if (context instanceof SecurityContext security && security.getAuthentication() != null) {
				events.publishEvent(new SessionEnded(AccountId.from(security.getAuthentication()),
						SessionEnded.Reason.TIMED_OUT, clock.instant()));
			}
		}
		chain.doFilter(request, response);
	}
}
