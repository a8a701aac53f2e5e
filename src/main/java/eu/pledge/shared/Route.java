package eu.pledge.shared;

import java.util.Objects;

import org.springframework.http.HttpMethod;

/**
 * One endpoint (method and path pattern, as its controller maps it) and who may call it. Modules declare theirs
 * in their {@link Routes}; the web security allows exactly these and denies everything else.
 *
 * @param servedBeforeTheChain served by the module's own servlet filter before Spring Session, the security chain
 *        and Spring MVC (the Sentry ingest): the chain never sees such a request, so the rule is declared for
 *        the record and the web edge writes the security headers itself
 * @param servedByOwnChain served by a security filter chain of the module's own, placed before the application's
 *        (single sign-on's authorization server): a protocol endpoint no controller maps; the module's chain
 *        decides who may call it, and its refusals are answers of the protocol, not probes
 */
public record Route(HttpMethod method, String pattern, Rule rule, boolean servedBeforeTheChain,
		boolean servedByOwnChain) {

	public Route {
		Objects.requireNonNull(method, "method");
		Objects.requireNonNull(rule, "rule");
		if (pattern == null || !pattern.startsWith("/")) {
			throw new IllegalArgumentException("A route pattern starts with /: " + pattern);
		}
	}

	public Route(HttpMethod method, String pattern, Rule rule) {
		this(method, pattern, rule, false, false);
	}

	public static Route beforeTheChain(HttpMethod method, String pattern, Rule rule) {
		return new Route(method, pattern, rule, true, false);
	}

	/** A protocol endpoint served by the module's own security filter chain ({@link #servedByOwnChain}). */
	public static Route ownChain(HttpMethod method, String pattern) {
		return new Route(method, pattern, Rule.PUBLIC, false, true);
	}

	/** "GET /account": what the route table and its tests compare. */
	public String key() {
		return method.name() + " " + pattern;
	}

	/**
	 * Who may call a route: anyone, any signed-in person (for their own account and privacy rights), or whoever
	 * {@code access.Access} grants a {@link Permission}, on the organisation named by a path variable where there
	 * is one.
	 */
	public record Rule(Kind kind, Permission permission, String organizationVariable) {

		public static final Rule PUBLIC = new Rule(Kind.PUBLIC, null, null);
		public static final Rule SIGNED_IN = new Rule(Kind.SIGNED_IN, null, null);
		/** The vendor's platform administrators; a refusal is published as {@code AccessDenied}. */
		public static final Rule ADMIN = new Rule(Kind.PERMISSION, Permission.PLATFORM_ADMIN, null);

		public Rule {
			Objects.requireNonNull(kind, "kind");
			if ((kind == Kind.PERMISSION) != (permission != null)) {
				throw new IllegalArgumentException("A permission rule, and only it, names a permission");
			}
		}

		public static Rule onOrganization(Permission permission, String variable) {
			return new Rule(Kind.PERMISSION, permission, Objects.requireNonNull(variable, "variable"));
		}

		public enum Kind {
			PUBLIC, SIGNED_IN, PERMISSION
		}
	}
}
