package eu.pledge.privacy.requests;

import static eu.pledge.shared.Route.Rule.ADMIN;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;

import java.util.List;

import org.springframework.stereotype.Component;

import eu.pledge.shared.Route;
import eu.pledge.shared.Routes;

/** Requests received another way are recorded and answered by the vendor's staff. */
@Component
class RequestRoutes implements Routes {

	@Override
	public List<Route> routes() {
		return List.of(
				new Route(GET, "/admin/requests", ADMIN), new Route(POST, "/admin/requests", ADMIN),
				new Route(GET, "/admin/requests/{id}", ADMIN), new Route(POST, "/admin/requests/{id}", ADMIN),
				new Route(GET, "/api/v1/admin/requests", ADMIN), new Route(POST, "/api/v1/admin/requests", ADMIN),
				new Route(GET, "/api/v1/admin/requests/{id}", ADMIN),
				new Route(PATCH, "/api/v1/admin/requests/{id}", ADMIN));
	}
}
