package eu.pledge.sso;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

import eu.pledge.shared.Route;

/**
 * Names the protocol endpoint a request of the authorization server's chain asked for where Spring MVC names the
 * route it matched ({@link HandlerMapping#BEST_MATCHING_PATTERN_ATTRIBUTE}), so that the request metrics
 * ({@code http.server.requests}) show {@code uri="/oauth2/token"} rather than {@code UNKNOWN}: these endpoints are
 * answered by the chain's filters, never by a controller. Only a path that is exactly one of the endpoints' gets a
 * name; anything else stays unnamed.
 */
final class ProtocolRouteNames implements Filter {

	private final Set<String> paths;

	ProtocolRouteNames(List<Route> routes) {
		this.paths = routes.stream().filter(Route::servedByOwnChain).map(Route::pattern)
				.collect(Collectors.toUnmodifiableSet());
	}

	@Override
	public void doFilter(ServletRequest servletRequest, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		HttpServletRequest request = (HttpServletRequest) servletRequest;
		String path = (ServletRequestPathUtils.hasParsedRequestPath(request)
				? ServletRequestPathUtils.getParsedRequestPath(request) : ServletRequestPathUtils.parseAndCache(request))
			.pathWithinApplication().value();
		if (paths.contains(path)) {
			request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, path);
		}
		chain.doFilter(request, response);
	}
}
