package eu.pledge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.server.PathContainer;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

import eu.pledge.shared.Route;

/**
 * Every mapped endpoint states who may call it in its module's {@code Routes}, collected in the {@link RouteTable};
 * an endpoint added without a declaration fails here (and is denied to everyone at run time meanwhile).
 */
@SpringBootTest
@ActiveProfiles("test")
class RouteCoverageTests {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	RouteTable table;

	@Test
	void everyEndpointDeclaresWhoMayCallIt() {
		Set<String> declared = table.all().stream().map(Route::key).collect(Collectors.toSet());
		List<String> undeclared = new ArrayList<>();
		for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPatternValues()) {
				if (isOperational(pattern)) {
					continue;
				}
				if (methods.isEmpty()) {
					undeclared.add("ANY " + pattern + " (give the mapping an HTTP method)");
				}
				for (RequestMethod method : methods) {
					if (!declared.contains(method.name() + " " + pattern)) {
						undeclared.add(method.name() + " " + pattern);
					}
				}
			}
		}
		assertThat(undeclared).as("endpoints no module declares in its Routes").isEmpty();
	}

	@Test
	void everyDeclaredRouteExists() {
		Set<String> mapped = mapped();
		if (mappings.getHandlerMethods().keySet().stream().anyMatch(info -> info.getPatternValues().contains("/error"))) {
			mapped.add("GET /error"); // mapped for any method (ContainerErrors)
			mapped.add("POST /error");
		}
		assertThat(table.all()).filteredOn(route -> !route.servedBeforeTheChain() && !route.servedByOwnChain())
				.allSatisfy(route -> assertThat(mapped).as("declared, but no endpoint maps it").contains(route.key()));
	}

	/** A servlet filter serves them before the chain (the Sentry ingest); no controller may serve them too. */
	@Test
	void routesServedBeforeTheChainAreDeclaredWithTheirRuleAndHaveNoController() {
		assertThat(table.beforeTheChain()).isNotEmpty().allSatisfy(route -> assertThat(table.all()).contains(route))
				.noneSatisfy(route -> assertThat(mapped()).contains(route.key()));
	}

	/**
	 * No request can match two declarations: the rule that applies never depends on the order of the table. Each
	 * route's pattern, its variables filled in, is matched against every other route of the same method.
	 */
	@Test
	void noRequestMatchesTwoDeclaredRoutes() {
		List<String> overlaps = new ArrayList<>();
		for (Route route : table.all()) {
			PathContainer example = PathContainer.parsePath(route.pattern().replaceAll("\\{[^}]+}", "x1"));
			table.all().stream().filter(other -> other != route && other.method().equals(route.method()))
					.filter(other -> PathPatternParser.defaultInstance.parse(other.pattern()).matches(example))
					.forEach(other -> overlaps.add(route.key() + " also matches " + other.key()));
		}
		assertThat(overlaps).isEmpty();
	}

	private Set<String> mapped() {
		Set<String> mapped = new HashSet<>();
		mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().forEach(pattern -> info
				.getMethodsCondition().getMethods().forEach(method -> mapped.add(method.name() + " " + pattern))));
		return mapped;
	}

	/** The error page and the OpenAPI document are covered by their own entries (error, administrators). */
	private static boolean isOperational(String pattern) {
		return pattern.equals("/error") || pattern.startsWith("/api/v1/openapi");
	}
}
