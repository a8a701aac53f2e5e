package eu.pledge.errors.tracker;

import static eu.pledge.shared.Route.Rule.ADMIN;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;

import java.util.List;

import org.springframework.stereotype.Component;

import eu.pledge.shared.Route;
import eu.pledge.shared.Routes;

/** The issues, their workflow and discussion: the vendor's staff only. */
@Component
class TrackerRoutes implements Routes {

	@Override
	public List<Route> routes() {
		return List.of(
				new Route(GET, "/admin/errors", ADMIN), new Route(GET, "/admin/errors/{id}", ADMIN),
				new Route(POST, "/admin/errors/{id}/status", ADMIN),
				new Route(POST, "/admin/errors/{id}/assignee", ADMIN),
				new Route(POST, "/admin/errors/{id}/comments", ADMIN),
				new Route(POST, "/admin/errors/{id}/merge", ADMIN), new Route(POST, "/admin/errors/bulk", ADMIN),
				new Route(GET, "/api/v1/admin/issues", ADMIN), new Route(GET, "/api/v1/admin/issues/{id}", ADMIN),
				new Route(PATCH, "/api/v1/admin/issues/{id}", ADMIN),
				new Route(POST, "/api/v1/admin/issues/{id}/comments", ADMIN),
				new Route(POST, "/api/v1/admin/issues/{id}/merge", ADMIN),
				new Route(POST, "/api/v1/admin/issues/bulk", ADMIN));
	}
}
