package eu.pledge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every mapped endpoint states who may call it in {@link Routes}; an endpoint added without an entry fails
 * here (and is denied to everyone at run time meanwhile).
 */
@SpringBootTest
@ActiveProfiles("test")
class RouteCoverageTests {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void everyEndpointDeclaresWhoMayCallIt() {
		Set<String> declared = Routes.ALL.stream().map(route -> route.method().name() + " " + route.pattern())
				.collect(Collectors.toSet());
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
		assertThat(undeclared).as("endpoints without an entry in Routes").isEmpty();
	}

	@Test
	void everyDeclaredRouteExists() {
		Set<String> mapped = new java.util.HashSet<>();
		mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().forEach(pattern -> {
			info.getMethodsCondition().getMethods().forEach(method -> mapped.add(method.name() + " " + pattern));
			if (pattern.equals("/error")) {
				mapped.add("GET /error");
				mapped.add("POST /error");
			}
		}));
		assertThat(Routes.ALL).filteredOn(route -> !Routes.BEFORE_THE_CHAIN.contains(route))
				.allSatisfy(route -> assertThat(mapped).as("stale entry in Routes")
						.contains(route.method().name() + " " + route.pattern()));
	}

	/** A servlet filter serves them before the chain (the Sentry ingest); no controller may serve them too. */
	@Test
	void routesServedBeforeTheChainAreListedWithTheirRuleAndHaveNoController() {
		assertThat(Routes.ALL).containsAll(Routes.BEFORE_THE_CHAIN);
		Set<String> mapped = new java.util.HashSet<>();
		mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().forEach(pattern -> info
				.getMethodsCondition().getMethods().forEach(method -> mapped.add(method.name() + " " + pattern))));
		assertThat(Routes.BEFORE_THE_CHAIN).isNotEmpty().noneSatisfy(route -> assertThat(mapped)
				.contains(route.method().name() + " " + route.pattern()));
	}

	/** The error page and the OpenAPI document are covered by their own entries (error, administrators). */
	private static boolean isOperational(String pattern) {
		return pattern.equals("/error") || pattern.startsWith("/api/v1/openapi");
	}
}
