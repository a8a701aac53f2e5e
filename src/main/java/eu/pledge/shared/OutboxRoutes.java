package eu.pledge.shared;

import static eu.pledge.shared.Route.Rule.ADMIN;
import static org.springframework.http.HttpMethod.GET;

import java.util.List;

import org.springframework.stereotype.Component;

/** The outbox shows what mail is waiting: the vendor's staff only. */
@Component
class OutboxRoutes implements Routes {

	@Override
	public List<Route> routes() {
		return List.of(new Route(GET, "/admin/outbox", ADMIN));
	}
}
