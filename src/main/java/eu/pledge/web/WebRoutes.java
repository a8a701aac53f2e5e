package eu.pledge.web;

import static eu.pledge.shared.Route.Rule.PUBLIC;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import java.util.List;

import org.springframework.stereotype.Component;

import eu.pledge.shared.Route;
import eu.pledge.shared.Routes;

/** The front door and the error page are everyone's; and the patterns that are not MVC routes. */
@Component
class WebRoutes implements Routes {

	/** Static assets and health: patterns, not endpoints. */
	static final List<String> PUBLIC_RESOURCES = List.of("/css/**", "/img/**", "/js/**", "/favicon.ico",
			"/actuator/health", "/actuator/health/**");

	/** Operational endpoints that are not MVC routes: administrators only. */
	static final List<String> ADMIN_RESOURCES = List.of("/actuator/**", "/api/v1/openapi", "/api/v1/openapi/**");

	@Override
	public List<Route> routes() {
		return List.of(new Route(GET, "/", PUBLIC), new Route(GET, "/error", PUBLIC), new Route(POST, "/error", PUBLIC));
	}
}
