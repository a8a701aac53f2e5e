package eu.pledge.patrol;

import java.util.List;

import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import eu.pledge.shared.Routes;

/**
 * Whether a path is one of Pledge's routes, as every module declares them. Pledge denies a path nobody declares
 * before it could answer 404 (an anonymous client is sent to sign in, the API answers 401), so "not found" is
 * known here rather than from the status.
 */
@Component
class KnownRoutes {

	private final List<PathPattern> patterns;
	private final List<PathPattern> protocolEndpoints;

	KnownRoutes(List<Routes> declarations) {
		this.patterns = declarations.stream().flatMap(routes -> routes.routes().stream())
				.map(route -> PathPatternParser.defaultInstance.parse(route.pattern())).distinct().toList();
		this.protocolEndpoints = declarations.stream().flatMap(routes -> routes.routes().stream())
				.filter(eu.pledge.shared.Route::servedByOwnChain)
				.map(route -> PathPatternParser.defaultInstance.parse(route.pattern())).distinct().toList();
	}

	/** Whether the path is a protocol endpoint served by a module's own chain (single sign-on's). */
	boolean isProtocolEndpoint(String path) {
		try {
			PathContainer container = PathContainer.parsePath(path);
			return protocolEndpoints.stream().anyMatch(pattern -> pattern.matches(container));
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	boolean knows(String path) {
		try {
			PathContainer container = PathContainer.parsePath(path);
			for (PathPattern pattern : patterns) {
				if (pattern.matches(container)) {
					return true;
				}
			}
			return false;
		}
		catch (RuntimeException ex) {
			return false; // a path no pattern can even read is no route
		}
	}
}
