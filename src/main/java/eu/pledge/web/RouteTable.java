package eu.pledge.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import eu.pledge.shared.Route;
import eu.pledge.shared.Routes;

/**
 * Every module's {@link Routes} in one table, which the security chain turns into its rules. Two declarations of
 * the same method and pattern stop the application at start-up: which rule applied would depend on the order in
 * which Spring found the modules.
 */
@Component
class RouteTable {

	private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

	/**
	 * The most specific pattern first, as Spring MVC chooses the handler, so the rule checked is the one of the
	 * endpoint that will answer, whichever module declared what; pattern and method break ties to keep the
	 * order the same from run to run.
	 */
	private static final Comparator<Route> SPECIFIC_FIRST = Comparator
			.comparing((Route route) -> PARSER.parse(route.pattern()), PathPattern.SPECIFICITY_COMPARATOR)
			.thenComparing(Route::pattern).thenComparing(route -> route.method().name());

	private final List<Route> all;
	private final List<PathPattern> paths;

	RouteTable(List<Routes> declarations) {
		Map<String, String> declaredBy = new LinkedHashMap<>();
		List<Route> routes = new ArrayList<>();
		for (Routes declaration : declarations) {
			String name = ClassUtils.getUserClass(declaration).getName();
			for (Route route : declaration.routes()) {
				String earlier = declaredBy.putIfAbsent(route.key(), name);
				if (earlier != null) {
					throw new IllegalStateException(route.key() + " is declared twice, by " + earlier + " and by "
							+ name + ": one module serves it, and only it says who may call it");
				}
				routes.add(route);
			}
		}
		routes.sort(SPECIFIC_FIRST);
		this.all = List.copyOf(routes);
		List<PathPattern> paths = new ArrayList<>();
		all.forEach(route -> paths.add(PARSER.parse(route.pattern())));
		WebRoutes.PUBLIC_RESOURCES.forEach(pattern -> paths.add(PARSER.parse(pattern)));
		WebRoutes.ADMIN_RESOURCES.forEach(pattern -> paths.add(PARSER.parse(pattern)));
		this.paths = List.copyOf(paths);
	}

	/**
	 * Whether some route, with any method, has this path: an address none has is answered "Page not found" (404)
	 * whoever asks, rather than sending a signed-out person to sign in for a page that does not exist.
	 */
	boolean knows(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		PathContainer container;
		try {
			container = PathContainer.parsePath(path);
		}
		catch (IllegalArgumentException unparsable) {
			return true; // not ours to judge: the ordinary refusal answers
		}
		return paths.stream().anyMatch(pattern -> pattern.matches(container));
	}

	List<Route> all() {
		return all;
	}

	/** Served by their module's own filter before the chain (the Sentry ingest); see {@link Route}. */
	List<Route> beforeTheChain() {
		return all.stream().filter(Route::servedBeforeTheChain).toList();
	}
}
