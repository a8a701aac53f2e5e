package eu.pledge.errors.ingest;

import static eu.pledge.shared.Route.Rule.ADMIN;
import static eu.pledge.shared.Route.Rule.PUBLIC;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import java.util.List;

import org.springframework.stereotype.Component;

import eu.pledge.shared.Route;
import eu.pledge.shared.Routes;

/**
 * The Sentry ingest is public to the security chain because the project's DSN key in the request authenticates
 * it, not a session; {@link IngestFilter} serves it before the chain, so any other method on these paths reaches
 * the chain and is denied. The projects and their keys are the vendor's staff's.
 */
@Component
class IngestRoutes implements Routes {

	@Override
	public List<Route> routes() {
		return List.of(
				Route.beforeTheChain(POST, "/api/{projectId}/envelope/", PUBLIC),
				Route.beforeTheChain(POST, "/api/{projectId}/store/", PUBLIC),
				new Route(GET, "/api/v1/admin/error-projects", ADMIN), new Route(POST, "/api/v1/admin/error-projects", ADMIN),
				new Route(POST, "/api/v1/admin/error-projects/{id}/keys", ADMIN),
				new Route(DELETE, "/api/v1/admin/error-projects/{id}/keys/{keyId}", ADMIN),
				new Route(GET, "/admin/error-projects", ADMIN), new Route(POST, "/admin/error-projects", ADMIN),
				new Route(POST, "/admin/error-projects/{id}/keys", ADMIN),
				new Route(POST, "/admin/error-projects/{id}/keys/{keyId}/revocation", ADMIN));
	}
}
