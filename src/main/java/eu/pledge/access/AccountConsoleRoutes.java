package eu.pledge.access;

import static eu.pledge.shared.Route.Rule.ADMIN;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.util.List;

import org.springframework.stereotype.Component;

import eu.pledge.shared.Route;
import eu.pledge.shared.Routes;

/** The console's "People": for platform administrators only. */
@Component
class AccountConsoleRoutes implements Routes {

	@Override
	public List<Route> routes() {
		return List.of(
				new Route(GET, "/admin/accounts", ADMIN), new Route(GET, "/admin/accounts/{id}", ADMIN),
				new Route(POST, "/admin/accounts/{id}/sessions/{handle}/end", ADMIN),
				new Route(POST, "/admin/accounts/{id}/sessions/end", ADMIN),
				new Route(POST, "/admin/accounts/{id}/disable", ADMIN), new Route(POST, "/admin/accounts/{id}/enable", ADMIN),
				new Route(POST, "/admin/accounts/{id}/administrator", ADMIN),
				new Route(POST, "/admin/accounts/{id}/administrator/removal", ADMIN),
				new Route(POST, "/admin/accounts/{id}/verification", ADMIN),
				new Route(POST, "/admin/accounts/{id}/two-step/reset", ADMIN),
				new Route(GET, "/api/v1/admin/accounts", ADMIN), new Route(GET, "/api/v1/admin/accounts/{id}", ADMIN),
				new Route(DELETE, "/api/v1/admin/accounts/{id}/sessions", ADMIN),
				new Route(DELETE, "/api/v1/admin/accounts/{id}/sessions/{handle}", ADMIN),
				new Route(POST, "/api/v1/admin/accounts/{id}/disable", ADMIN),
				new Route(POST, "/api/v1/admin/accounts/{id}/enable", ADMIN),
				new Route(PUT, "/api/v1/admin/accounts/{id}/administrator", ADMIN),
				new Route(DELETE, "/api/v1/admin/accounts/{id}/administrator", ADMIN),
				new Route(POST, "/api/v1/admin/accounts/{id}/verification", ADMIN),
				new Route(POST, "/api/v1/admin/accounts/{id}/two-step-reset", ADMIN));
	}
}
