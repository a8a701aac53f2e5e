package eu.pledge.shared;

import java.util.List;

/**
 * The routes a module serves and who may call each, declared as a bean beside the module's controllers. The web
 * security collects every module's declarations into its one table (deny by default: a route nobody declares is
 * nobody's), refuses to start when two declarations name the same method and pattern, and
 * {@code RouteCoverageTests} fails for a mapped endpoint nobody declares or a declaration nothing maps.
 */
public interface Routes {

	List<Route> routes();
}
