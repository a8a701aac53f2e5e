package eu.pledge.sso;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.PathContainer;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.ServletRequestPathUtils;

import eu.pledge.shared.Route;

/**
 * Which requests the authorization server's chain takes: those its endpoints matcher matches, asked only for a path
 * under one of the protocol endpoints' first segments ({@code /oauth2}, {@code /.well-known}, …, from the routes
 * {@link SsoRoutes} declares for the chain). The library's matcher tries each endpoint's pattern in turn, which every
 * other request of the application paid for (a fortieth of a {@code GET /api/v1/me}); a path under none of those
 * segments matches none of them.
 */
final class ProtocolPaths implements RequestMatcher {

	private final RequestMatcher endpoints;
	private final Set<String> firstSegments;

	ProtocolPaths(RequestMatcher endpoints, List<Route> routes) {
		this.endpoints = endpoints;
		this.firstSegments = routes.stream().filter(Route::servedByOwnChain)
				.map(route -> PathContainer.parsePath(route.pattern()).elements().get(1).value())
				.collect(Collectors.toUnmodifiableSet());
	}

	@Override
	public boolean matches(HttpServletRequest request) {
		List<PathContainer.Element> elements = ServletRequestPathUtils.parseAndCache(request).pathWithinApplication()
				.elements();
		return elements.size() >= 2 && elements.get(1) instanceof PathContainer.PathSegment segment
				&& firstSegments.contains(segment.valueToMatch()) && endpoints.matches(request);
	}
}
