package eu.pledge.privacy.compliance;

import static eu.pledge.shared.Route.Rule.ADMIN;
import static org.springframework.http.HttpMethod.GET;

import java.util.List;

import org.springframework.stereotype.Component;

import eu.pledge.shared.Route;
import eu.pledge.shared.Routes;

/** The compliance check's outcome: the vendor's staff only. */
@Component
class ComplianceRoutes implements Routes {

	@Override
	public List<Route> routes() {
		return List.of(new Route(GET, "/admin/compliance", ADMIN), new Route(GET, "/api/v1/admin/compliance", ADMIN));
	}
}
