package eu.pledge.web;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.util.List;

import org.springframework.http.HttpMethod;

import eu.pledge.shared.Permission;

/**
 * Every route of Pledge and who may call it, in one table. A route not listed here is denied to everyone, and
 * {@code RouteCoverageTests} fails the build for any endpoint that is mapped but not listed, so adding an
 * endpoint means deciding, here, who may use it.
 */
final class Routes {

	/**
	 * Who may call a route: anyone, any signed-in person (for their own account and privacy rights), or
	 * whoever {@link eu.pledge.access.Access} grants a permission, on the organisation named by a path variable
	 * where there is one.
	 */
	record Rule(Kind kind, Permission permission, String organizationVariable) {

		static final Rule PUBLIC = new Rule(Kind.PUBLIC, null, null);
		static final Rule SIGNED_IN = new Rule(Kind.SIGNED_IN, null, null);
		/** The vendor's platform administrators; a refusal is published as {@code AccessDenied}. */
		static final Rule ADMIN = new Rule(Kind.PERMISSION, Permission.PLATFORM_ADMIN, null);

		static Rule onOrganization(Permission permission, String variable) {
			return new Rule(Kind.PERMISSION, permission, variable);
		}

		enum Kind {
			PUBLIC, SIGNED_IN, PERMISSION
		}
	}

	record Route(HttpMethod method, String pattern, Rule rule) {
	}

	private static final Rule VIEW_ORGANIZATION = Rule.onOrganization(Permission.VIEW_ORGANIZATION, "id");
	private static final Rule MANAGE_MEMBERS = Rule.onOrganization(Permission.MANAGE_MEMBERS, "id");

	/** Static assets, the error page and health: patterns, not endpoints. */
	static final List<String> PUBLIC_RESOURCES = List.of("/css/**", "/img/**", "/js/**", "/favicon.ico",
			"/actuator/health", "/actuator/health/**");

	/** Operational endpoints that are not MVC routes: administrators only. */
	static final List<String> ADMIN_RESOURCES = List.of("/actuator/**", "/api/v1/openapi", "/api/v1/openapi/**");

	/**
	 * The error tracker's Sentry ingest (issue 4), authenticated by the project's DSN key, not a session. Its
	 * module serves these routes in a servlet filter before Spring Session, this chain and Spring MVC (see
	 * SecurityConfiguration's filter positions); they are in {@link #ALL} with their rule all the same, so the
	 * table stays complete, and any other method on these paths reaches the chain and is denied.
	 */
	static final List<Route> BEFORE_THE_CHAIN = List.of(new Route(POST, "/api/{projectId}/envelope/", Rule.PUBLIC),
			new Route(POST, "/api/{projectId}/store/", Rule.PUBLIC));

	static final List<Route> ALL = List.of(
			// the front door and the error page
			new Route(GET, "/", Rule.PUBLIC),
			new Route(GET, "/error", Rule.PUBLIC), new Route(POST, "/error", Rule.PUBLIC),
			// registration, verification, sign-in, reset, set-up (pages)
			new Route(GET, "/register", Rule.PUBLIC), new Route(POST, "/register", Rule.PUBLIC),
			new Route(GET, "/verify", Rule.PUBLIC), new Route(POST, "/verify", Rule.PUBLIC),
			new Route(GET, "/login", Rule.PUBLIC), new Route(POST, "/login", Rule.PUBLIC),
			new Route(GET, "/login/second-factor", Rule.PUBLIC), new Route(POST, "/login/second-factor", Rule.PUBLIC),
			new Route(GET, "/password-reset", Rule.PUBLIC), new Route(POST, "/password-reset", Rule.PUBLIC),
			new Route(GET, "/password-reset/confirm", Rule.PUBLIC), new Route(POST, "/password-reset/confirm", Rule.PUBLIC),
			new Route(GET, "/email/confirm", Rule.PUBLIC), new Route(POST, "/email/confirm", Rule.PUBLIC),
			new Route(GET, "/setup", Rule.PUBLIC), new Route(POST, "/setup", Rule.PUBLIC),
			// the public API
			new Route(POST, "/api/v1/accounts", Rule.PUBLIC),
			new Route(POST, "/api/v1/accounts/verification", Rule.PUBLIC),
			new Route(POST, "/api/v1/session", Rule.PUBLIC), new Route(DELETE, "/api/v1/session", Rule.PUBLIC),
			new Route(POST, "/api/v1/password-reset", Rule.PUBLIC),
			new Route(POST, "/api/v1/password-reset/confirmation", Rule.PUBLIC),
			new Route(POST, "/api/v1/me/email/confirmation", Rule.PUBLIC),
			// a person's own account (pages)
			new Route(POST, "/logout", Rule.SIGNED_IN),
			new Route(GET, "/account", Rule.SIGNED_IN), new Route(POST, "/account", Rule.SIGNED_IN),
			new Route(GET, "/account/email", Rule.SIGNED_IN), new Route(POST, "/account/email", Rule.SIGNED_IN),
			new Route(GET, "/account/security", Rule.SIGNED_IN), new Route(POST, "/account/password", Rule.SIGNED_IN),
			new Route(POST, "/account/totp", Rule.SIGNED_IN), new Route(GET, "/account/totp", Rule.SIGNED_IN),
			new Route(POST, "/account/totp/confirm", Rule.SIGNED_IN),
			new Route(POST, "/account/totp/remove", Rule.SIGNED_IN),
			new Route(GET, "/account/preferences", Rule.SIGNED_IN), new Route(POST, "/account/preferences", Rule.SIGNED_IN),
			new Route(GET, "/account/sessions", Rule.SIGNED_IN),
			new Route(POST, "/account/sessions/{id}/end", Rule.SIGNED_IN),
			new Route(POST, "/account/sessions/end-others", Rule.SIGNED_IN),
			// a person's own account (API)
			new Route(GET, "/api/v1/me", Rule.SIGNED_IN), new Route(PATCH, "/api/v1/me", Rule.SIGNED_IN),
			new Route(POST, "/api/v1/me/email", Rule.SIGNED_IN), new Route(POST, "/api/v1/me/password", Rule.SIGNED_IN),
			new Route(GET, "/api/v1/me/sessions", Rule.SIGNED_IN), new Route(DELETE, "/api/v1/me/sessions", Rule.SIGNED_IN),
			new Route(DELETE, "/api/v1/me/sessions/{id}", Rule.SIGNED_IN),
			new Route(GET, "/api/v1/me/preferences", Rule.SIGNED_IN), new Route(PUT, "/api/v1/me/preferences", Rule.SIGNED_IN),
			new Route(POST, "/api/v1/me/totp", Rule.SIGNED_IN), new Route(DELETE, "/api/v1/me/totp", Rule.SIGNED_IN),
			new Route(POST, "/api/v1/me/totp/confirmation", Rule.SIGNED_IN),
			new Route(GET, "/account/access", Rule.SIGNED_IN), new Route(GET, "/api/v1/me/access", Rule.SIGNED_IN),
			new Route(GET, "/account/audit", Rule.SIGNED_IN), new Route(GET, "/api/v1/me/audit", Rule.SIGNED_IN),
			// invitations: the invited person, signed in (the token says which organisation)
			new Route(GET, "/invitations/accept", Rule.SIGNED_IN), new Route(POST, "/invitations/accept", Rule.SIGNED_IN),
			new Route(POST, "/api/v1/invitations/acceptance", Rule.SIGNED_IN),
			// an organisation, for its members; its membership, for its owners and admins
			new Route(GET, "/organizations/{id}", VIEW_ORGANIZATION),
			new Route(GET, "/api/v1/organizations/{id}/members", VIEW_ORGANIZATION),
			new Route(POST, "/organizations/{id}/invitations", MANAGE_MEMBERS),
			new Route(POST, "/api/v1/organizations/{id}/invitations", MANAGE_MEMBERS),
			new Route(POST, "/organizations/{id}/members/{accountId}/removal", MANAGE_MEMBERS),
			new Route(DELETE, "/api/v1/organizations/{id}/members/{accountId}", MANAGE_MEMBERS),
			// privacy rights (issue 5): a person's own data
			new Route(GET, "/account/data", Rule.SIGNED_IN),
			new Route(POST, "/account/data/restriction", Rule.SIGNED_IN),
			new Route(POST, "/account/data/restriction/lift", Rule.SIGNED_IN),
			new Route(GET, "/account/data/erasure", Rule.SIGNED_IN), new Route(POST, "/account/data/erasure", Rule.SIGNED_IN),
			new Route(GET, "/api/v1/me/data", Rule.SIGNED_IN), new Route(GET, "/api/v1/me/export", Rule.SIGNED_IN),
			new Route(POST, "/api/v1/me/erasure", Rule.SIGNED_IN),
			new Route(POST, "/api/v1/me/restriction", Rule.SIGNED_IN),
			new Route(DELETE, "/api/v1/me/restriction", Rule.SIGNED_IN),
			//
			// the public privacy notice, contact form (issue 5)
			new Route(GET, "/privacy", Rule.PUBLIC),
			//
			new Route(GET, "/contact", Rule.PUBLIC), new Route(POST, "/contact", Rule.PUBLIC),
			new Route(GET, "/api/v1/contact/challenge", Rule.PUBLIC), new Route(POST, "/api/v1/contact", Rule.PUBLIC),
			//
			// error tracker ingest (issue 4): authenticated by the project's DSN key, not a session
			BEFORE_THE_CHAIN.get(0), BEFORE_THE_CHAIN.get(1),
			//
			// the vendor's staff
			new Route(GET, "/admin/outbox", Rule.ADMIN),
			// error tracker (issue 4)
			new Route(GET, "/admin/errors", Rule.ADMIN), new Route(GET, "/admin/errors/{id}", Rule.ADMIN),
			new Route(POST, "/admin/errors/{id}/status", Rule.ADMIN),
			new Route(POST, "/admin/errors/{id}/assignee", Rule.ADMIN),
			new Route(POST, "/admin/errors/{id}/comments", Rule.ADMIN),
			new Route(POST, "/admin/errors/{id}/merge", Rule.ADMIN),
			new Route(GET, "/api/v1/admin/issues", Rule.ADMIN), new Route(GET, "/api/v1/admin/issues/{id}", Rule.ADMIN),
			new Route(PATCH, "/api/v1/admin/issues/{id}", Rule.ADMIN),
			new Route(POST, "/api/v1/admin/issues/{id}/comments", Rule.ADMIN),
			new Route(POST, "/api/v1/admin/issues/{id}/merge", Rule.ADMIN),
			new Route(GET, "/api/v1/admin/error-projects", Rule.ADMIN), new Route(POST, "/api/v1/admin/error-projects", Rule.ADMIN),
			new Route(POST, "/api/v1/admin/error-projects/{id}/keys", Rule.ADMIN),
			new Route(DELETE, "/api/v1/admin/error-projects/{id}/keys/{keyId}", Rule.ADMIN),
			new Route(GET, "/admin/error-projects", Rule.ADMIN), new Route(POST, "/admin/error-projects", Rule.ADMIN),
			new Route(POST, "/admin/error-projects/{id}/keys", Rule.ADMIN),
			new Route(POST, "/admin/error-projects/{id}/keys/{keyId}/revocation", Rule.ADMIN),
			//
			// privacy administration: requests, record of processing, compliance (issue 5)
			new Route(GET, "/admin/processing-record", Rule.ADMIN),
			new Route(GET, "/api/v1/admin/processing-record", Rule.ADMIN),
			new Route(GET, "/admin/compliance", Rule.ADMIN), new Route(GET, "/api/v1/admin/compliance", Rule.ADMIN),
			//
			new Route(GET, "/admin/requests", Rule.ADMIN), new Route(POST, "/admin/requests", Rule.ADMIN),
			new Route(GET, "/admin/requests/{id}", Rule.ADMIN), new Route(POST, "/admin/requests/{id}", Rule.ADMIN),
			new Route(GET, "/api/v1/admin/requests", Rule.ADMIN), new Route(POST, "/api/v1/admin/requests", Rule.ADMIN),
			new Route(GET, "/api/v1/admin/requests/{id}", Rule.ADMIN),
			new Route(PATCH, "/api/v1/admin/requests/{id}", Rule.ADMIN),
			new Route(GET, "/admin/contact", Rule.ADMIN), new Route(GET, "/admin/contact/{id}", Rule.ADMIN),
			new Route(POST, "/admin/contact/{id}/request", Rule.ADMIN),
			new Route(POST, "/admin/contact/{id}/deletion", Rule.ADMIN),
			//
			new Route(GET, "/admin/organizations", Rule.ADMIN), new Route(POST, "/admin/organizations", Rule.ADMIN),
			new Route(GET, "/admin/organizations/{id}", Rule.ADMIN), new Route(POST, "/admin/organizations/{id}", Rule.ADMIN),
			new Route(POST, "/admin/organizations/{id}/contracts", Rule.ADMIN),
			new Route(POST, "/admin/contracts/{id}", Rule.ADMIN),
			new Route(GET, "/api/v1/admin/organizations", Rule.ADMIN), new Route(POST, "/api/v1/admin/organizations", Rule.ADMIN),
			new Route(GET, "/api/v1/admin/organizations/{id}", Rule.ADMIN),
			new Route(PATCH, "/api/v1/admin/organizations/{id}", Rule.ADMIN),
			new Route(POST, "/api/v1/admin/organizations/{id}/contracts", Rule.ADMIN),
			new Route(PATCH, "/api/v1/admin/contracts/{id}", Rule.ADMIN),
			new Route(GET, "/api/v1/admin/systems", Rule.ADMIN),
			new Route(GET, "/admin/audit", Rule.ADMIN), new Route(GET, "/api/v1/admin/audit", Rule.ADMIN),
			new Route(POST, "/api/v1/admin/audit/verification", Rule.ADMIN));

	private Routes() {
	}
}
