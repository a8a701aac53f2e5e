package eu.pledge.privacy.rights;

import static eu.pledge.shared.Route.Rule.SIGNED_IN;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import java.util.List;

import org.springframework.stereotype.Component;

import eu.pledge.shared.Route;
import eu.pledge.shared.Routes;

/** A person's rights over their own data: any signed-in person, for their own account only. */
@Component
class RightsRoutes implements Routes {

	@Override
	public List<Route> routes() {
		return List.of(
				new Route(GET, "/account/data", SIGNED_IN), new Route(GET, "/account/data/export", SIGNED_IN),
				new Route(POST, "/account/data/restriction", SIGNED_IN),
				new Route(POST, "/account/data/restriction/lift", SIGNED_IN),
				new Route(POST, "/account/data/objection", SIGNED_IN),
				new Route(GET, "/api/v1/me/objections", SIGNED_IN), new Route(POST, "/api/v1/me/objections", SIGNED_IN),
				new Route(GET, "/account/data/erasure", SIGNED_IN), new Route(POST, "/account/data/erasure", SIGNED_IN),
				new Route(GET, "/api/v1/me/data", SIGNED_IN), new Route(GET, "/api/v1/me/export", SIGNED_IN),
				new Route(POST, "/api/v1/me/erasure", SIGNED_IN),
				new Route(POST, "/api/v1/me/restriction", SIGNED_IN),
				new Route(DELETE, "/api/v1/me/restriction", SIGNED_IN));
	}
}
