package eu.pledge.contact;

import static eu.pledge.shared.Route.Rule.ADMIN;
import static eu.pledge.shared.Route.Rule.PUBLIC;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import java.util.List;

import org.springframework.stereotype.Component;

import eu.pledge.shared.Route;
import eu.pledge.shared.Routes;

/** The form is public (the challenge and the rate limit guard it); the messages are the vendor's staff's. */
@Component
class ContactRoutes implements Routes {

	@Override
	public List<Route> routes() {
		return List.of(
				new Route(GET, "/contact", PUBLIC), new Route(POST, "/contact", PUBLIC),
				new Route(GET, "/api/v1/contact/challenge", PUBLIC), new Route(POST, "/api/v1/contact", PUBLIC),
				new Route(GET, "/admin/contact", ADMIN), new Route(GET, "/admin/contact/{id}", ADMIN),
				new Route(POST, "/admin/contact/{id}/request", ADMIN),
				new Route(POST, "/admin/contact/{id}/deletion", ADMIN));
	}
}
