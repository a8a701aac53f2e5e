package eu.pledge.shared;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.servlet.filter.OrderedFilter;
import org.springframework.boot.servlet.filter.OrderedFormContentFilter;
import org.springframework.core.Ordered;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * Every servlet filter of Pledge in the order a request meets them: Pledge's own, and Spring Boot's, Spring
 * Session's and Spring Security's where those put theirs. A module registers a filter with
 * {@code registration.setOrder(FilterPosition.X.order())}; {@code FilterOrderTests} fails when the running
 * application's filters differ from this list, so a new filter has to be given its place here, and two filters
 * never share an order (which would leave their order to the sequence in which Spring found their beans).
 */
public enum FilterPosition {

	/** Spring Boot's: before anything reads the request. */
	CHARACTER_ENCODING(Ordered.HIGHEST_PRECEDENCE),
	/** Before every filter of Pledge's, so even a refusal at the edge carries an id. */
	REQUEST_ID,
	/** The one derivation of the client address, before anything logs or refuses by it. */
	CLIENT_ADDRESS,
	/**
	 * After the id and the address, before any refusal, so refusals are logged with both; also times every request
	 * as {@code http.server.requests} (Spring Boot's observation filter is left out).
	 */
	ACCESS_LOG,
	/** Answers any exception from further in; inside the access log, which so records the answer given. */
	FAILURES,
	// the refusals at the edge: before Spring Session, so a refused request costs no session lookup
	BLOCKED_ADDRESSES,
	/**
	 * Secure Patrol's honeytrap sensor: reports a request for a honeytrap on its own thread once answered; just
	 * inside the blocked addresses, so an address turned away reports nothing and every other refusal does.
	 */
	PATROL_HONEYTRAPS,
	/** A feature Secure Patrol switched off (registration, password reset, contact): 403 before any work. */
	SWITCHED_OFF,
	REQUEST_SIZE,
	SAME_ORIGIN_API,
	/** The security headers of the routes served before the chain, which never sees them. */
	SECURITY_HEADERS,
	/**
	 * Secure Patrol's input sensor: inspects parameters and headers for payloads after the request was answered,
	 * and lends the request to the sensors of the filters further in (the ingest) before Spring's request context.
	 */
	PATROL_INPUT,
	/** The Sentry ingest: after every edge filter, before the session, the chain and Spring MVC. */
	ERROR_INGEST,
	/** Spring Session's, at its default place ({@code spring.session.servlet.filter-order}). */
	SPRING_SESSION(SessionRepositoryFilter.DEFAULT_ORDER),
	/** Secure Patrol's session sensor: unknown session ids, sessions used from elsewhere, before anything uses them. */
	PATROL_SESSIONS,
	/** Ends a session past its absolute timeout as soon as it is loaded, before anything uses it. */
	ABSOLUTE_TIMEOUT,
	/** Spring Boot's. */
	FORM_CONTENT(OrderedFormContentFilter.DEFAULT_ORDER),
	/** Spring Boot's. */
	REQUEST_CONTEXT(OrderedFilter.REQUEST_WRAPPER_FILTER_MAX_ORDER - 105),
	/** Spring Security's chain, at its default place ({@code spring.security.filter.order}). */
	SPRING_SECURITY(SecurityFilterProperties.DEFAULT_FILTER_ORDER),
	/** Just inside the chain, where the signed-in account is known, for the access log. */
	SIGNED_IN_ACCOUNT;

	/** The order a library gives its filter; null for Pledge's, each one after the entry before it. */
	private final Integer fixed;

	FilterPosition() {
		this.fixed = null;
	}

	FilterPosition(int fixed) {
		this.fixed = fixed;
	}

	/** The servlet filter order of this place. */
	public int order() {
		return fixed != null ? fixed : values()[ordinal() - 1].order() + 1;
	}
}
