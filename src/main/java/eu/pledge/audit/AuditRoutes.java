package eu.pledge.audit;

import static eu.pledge.shared.Route.Rule.ADMIN;
import static eu.pledge.shared.Route.Rule.SIGNED_IN;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import java.util.List;

import org.springframework.stereotype.Component;

import eu.pledge.shared.Route;
import eu.pledge.shared.Routes;

/** A person's own events once signed in; the whole trail and its verification for the vendor's staff. */
@Component
class AuditRoutes implements Routes {

	@Override
	public List<Route> routes() {
		return List.of(
				new Route(GET, "/account/audit", SIGNED_IN), new Route(GET, "/api/v1/me/audit", SIGNED_IN),
				new Route(GET, "/admin/audit", ADMIN), new Route(GET, "/api/v1/admin/audit", ADMIN),
				new Route(POST, "/api/v1/admin/audit/verification", ADMIN));
	}
}
