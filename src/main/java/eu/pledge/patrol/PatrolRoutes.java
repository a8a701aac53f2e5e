package eu.pledge.patrol;

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
 * The CrowdSec bouncer endpoints and the vendor systems' event endpoint are public to the security chain because
 * a machine's key authenticates them, not a session ({@link CrowdSecApi} and {@link PatrolEventsApi} refuse a
 * request without a valid one); detections, responses and keys are the vendor's staff's.
 */
@Component
class PatrolRoutes implements Routes {

	@Override
	public List<Route> routes() {
		return List.of(new Route(GET, "/api/v1/patrol/crowdsec/v1/decisions", PUBLIC),
				new Route(GET, "/api/v1/patrol/crowdsec/v1/decisions/stream", PUBLIC),
				new Route(POST, "/api/v1/patrol/events", PUBLIC),
				new Route(GET, "/api/v1/admin/patrol/keys", ADMIN), new Route(POST, "/api/v1/admin/patrol/keys", ADMIN),
				new Route(DELETE, "/api/v1/admin/patrol/keys/{id}", ADMIN),
				new Route(GET, "/api/v1/admin/patrol/bouncers", ADMIN), new Route(POST, "/api/v1/admin/patrol/bouncers", ADMIN),
				new Route(DELETE, "/api/v1/admin/patrol/bouncers/{id}", ADMIN),
				new Route(GET, "/api/v1/admin/patrol/detections", ADMIN), new Route(GET, "/api/v1/admin/patrol/responses", ADMIN),
				new Route(DELETE, "/api/v1/admin/patrol/responses/{id}", ADMIN),
				new Route(GET, "/api/v1/admin/patrol/feed", ADMIN),
				new Route(GET, "/api/v1/admin/patrol/silences", ADMIN),
				new Route(POST, "/api/v1/admin/patrol/silences", ADMIN),
				new Route(DELETE, "/api/v1/admin/patrol/silences", ADMIN),
				new Route(DELETE, "/api/v1/admin/patrol/silences/{id}", ADMIN),
				new Route(POST, "/admin/patrol/silences", ADMIN), new Route(POST, "/admin/patrol/silences/{id}/end", ADMIN),
				new Route(GET, "/admin/patrol", ADMIN), new Route(POST, "/admin/patrol/responses/{id}/lift", ADMIN));
	}
}
