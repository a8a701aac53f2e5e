package eu.pledge.privacy.breaches;

import static eu.pledge.shared.Route.Rule.ADMIN;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;

import java.util.List;

import org.springframework.stereotype.Component;

import eu.pledge.shared.Route;
import eu.pledge.shared.Routes;

/** Breach records are kept and acted on by the vendor's platform administrators, as data-subject requests are. */
@Component
class BreachRoutes implements Routes {

	@Override
	public List<Route> routes() {
		return List.of(
				new Route(GET, "/admin/breaches", ADMIN), new Route(POST, "/admin/breaches", ADMIN),
				new Route(GET, "/admin/breaches/{id}", ADMIN), new Route(POST, "/admin/breaches/{id}", ADMIN),
				new Route(POST, "/admin/breaches/{id}/notifications", ADMIN),
				new Route(GET, "/api/v1/admin/breaches", ADMIN), new Route(POST, "/api/v1/admin/breaches", ADMIN),
				new Route(GET, "/api/v1/admin/breaches/{id}", ADMIN),
				new Route(PATCH, "/api/v1/admin/breaches/{id}", ADMIN),
				new Route(GET, "/api/v1/admin/breaches/{id}/authority-notification", ADMIN),
				new Route(GET, "/api/v1/admin/breaches/{id}/notifications", ADMIN),
				new Route(POST, "/api/v1/admin/breaches/{id}/notifications", ADMIN));
	}
}
