package eu.pledge.sso;

import static eu.pledge.shared.Route.Rule.ADMIN;
import static eu.pledge.shared.Route.Rule.SIGNED_IN;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import java.util.List;

import org.springframework.stereotype.Component;

import eu.pledge.shared.Route;
import eu.pledge.shared.Routes;

/**
 * The pages of single sign-on: the administrators' page of a system's clients, and a person's apps (the systems
 * they are signed in to through Pledge) with its API. Signing out of a system needs only the session: the
 * account is the signed-in one, never a path variable.
 */
@Component
class SsoPagesRoutes implements Routes {

	private static final String CLIENTS = "/admin/systems/{system}/clients";
	private static final String CLIENT = CLIENTS + "/{clientId}";

	@Override
	public List<Route> routes() {
		return List.of(new Route(GET, CLIENTS, ADMIN), new Route(POST, CLIENTS, ADMIN),
				new Route(GET, CLIENT, ADMIN), new Route(POST, CLIENT, ADMIN),
				new Route(POST, CLIENT + "/secret", ADMIN), new Route(POST, CLIENT + "/previous-secrets/end", ADMIN),
				new Route(GET, CLIENT + "/deletion", ADMIN), new Route(POST, CLIENT + "/deletion", ADMIN),
				new Route(GET, "/account/apps", SIGNED_IN), new Route(POST, "/account/apps/{system}/sign-out", SIGNED_IN),
				new Route(GET, "/api/v1/me/apps", SIGNED_IN), new Route(DELETE, "/api/v1/me/apps/{system}", SIGNED_IN));
	}
}
