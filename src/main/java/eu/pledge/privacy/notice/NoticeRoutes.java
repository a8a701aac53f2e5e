package eu.pledge.privacy.notice;

import static eu.pledge.shared.Route.Rule.ADMIN;
import static eu.pledge.shared.Route.Rule.PUBLIC;
import static org.springframework.http.HttpMethod.GET;

import java.util.List;

import org.springframework.stereotype.Component;

import eu.pledge.shared.Route;
import eu.pledge.shared.Routes;

/** The privacy notice is for everyone; the record of processing for the vendor's staff. */
@Component
class NoticeRoutes implements Routes {

	@Override
	public List<Route> routes() {
		return List.of(
				new Route(GET, "/privacy", PUBLIC),
				new Route(GET, "/admin/processing-record", ADMIN),
				new Route(GET, "/api/v1/admin/processing-record", ADMIN));
	}
}
