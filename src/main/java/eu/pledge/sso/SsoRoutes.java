package eu.pledge.sso;

import static eu.pledge.shared.Route.Rule.ADMIN;
import static eu.pledge.shared.Route.Rule.SIGNED_IN;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;

import java.util.List;

import org.springframework.stereotype.Component;

import eu.pledge.shared.Route;
import eu.pledge.shared.Routes;

/**
 * The pages and the administrators' API of single sign-on. The protocol endpoints themselves (discovery, JWKS,
 * authorize, token, userinfo, introspection, revocation, end-session) are served by the authorization server's
 * own filter chain ({@link SsoConfiguration}), which runs before the application's and never reaches this table.
 */
@Component
class SsoRoutes implements Routes {

	@Override
	public List<Route> routes() {
		return List.of(Route.ownChain(GET, "/.well-known/openid-configuration"),
				Route.ownChain(GET, "/.well-known/oauth-authorization-server"), Route.ownChain(GET, "/oauth2/jwks"),
				Route.ownChain(GET, "/oauth2/authorize"), Route.ownChain(POST, "/oauth2/authorize"),
				Route.ownChain(POST, "/oauth2/token"), Route.ownChain(POST, "/oauth2/introspect"),
				Route.ownChain(POST, "/oauth2/revoke"), Route.ownChain(GET, "/userinfo"), Route.ownChain(POST, "/userinfo"),
				Route.ownChain(GET, "/connect/logout"), Route.ownChain(POST, "/connect/logout"),
				new Route(GET, "/sso/refused", SIGNED_IN),
				new Route(GET, "/api/v1/admin/systems/{system}/clients", ADMIN),
				new Route(POST, "/api/v1/admin/systems/{system}/clients", ADMIN),
				new Route(GET, "/api/v1/admin/systems/{system}/clients/{clientId}", ADMIN),
				new Route(PATCH, "/api/v1/admin/systems/{system}/clients/{clientId}", ADMIN),
				new Route(DELETE, "/api/v1/admin/systems/{system}/clients/{clientId}", ADMIN));
	}
}
