package eu.pledge.sessions;

import static eu.pledge.shared.Route.Rule.PUBLIC;
import static eu.pledge.shared.Route.Rule.SIGNED_IN;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import java.util.List;

import org.springframework.stereotype.Component;

import eu.pledge.shared.Route;
import eu.pledge.shared.Routes;

/**
 * Signing in is public, and so is signing out through the API (it ends whatever session the request carries);
 * the page's sign-out and a person's session list need the session.
 */
@Component
class SessionRoutes implements Routes {

	@Override
	public List<Route> routes() {
		return List.of(
				new Route(GET, "/login", PUBLIC), new Route(POST, "/login", PUBLIC),
				new Route(GET, "/login/second-factor", PUBLIC), new Route(POST, "/login/second-factor", PUBLIC),
				new Route(GET, "/login/continue", PUBLIC),
				new Route(POST, "/login/passkey/options", PUBLIC), new Route(POST, "/login/passkey", PUBLIC),
				new Route(POST, "/login/second-factor/passkey/options", PUBLIC),
				new Route(POST, "/login/second-factor/passkey", PUBLIC),
				new Route(POST, "/api/v1/session", PUBLIC), new Route(DELETE, "/api/v1/session", PUBLIC),
				new Route(POST, "/logout", SIGNED_IN),
				new Route(GET, "/account/sessions", SIGNED_IN),
				new Route(POST, "/account/sessions/{id}/end", SIGNED_IN),
				new Route(POST, "/account/sessions/end-others", SIGNED_IN),
				new Route(GET, "/api/v1/me/sessions", SIGNED_IN), new Route(DELETE, "/api/v1/me/sessions", SIGNED_IN),
				new Route(DELETE, "/api/v1/me/sessions/{id}", SIGNED_IN));
	}
}
