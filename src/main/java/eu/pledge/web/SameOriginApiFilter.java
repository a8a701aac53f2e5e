package eu.pledge.web;

import java.io.IOException;
import java.net.URI;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;

import eu.pledge.shared.PledgeProperties;
import eu.pledge.shared.RequestFilter;

/**
 * The JSON API's answer to cross-site request forgery. A browser always says where a request comes from
 * ({@code Sec-Fetch-Site}, {@code Origin}); a state-changing API call that a browser sends from another site
 * is refused. Non-browser clients send neither header and work with the cookie alone. The SameSite=Lax
 * cookie is the second line. The error tracker's Sentry ingest is exempt: browser SDKs post to it from the
 * application's own site, and it authenticates by the DSN key in the request, never by a cookie.
 */
class SameOriginApiFilter extends RequestFilter {

	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	private final String ownOrigin;
	private final Problems problems;

	SameOriginApiFilter(PledgeProperties pledge, Problems problems) {
		this.ownOrigin = origin(pledge.baseUrl());
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/api/") || SAFE_METHODS.contains(request.getMethod())
				|| RequestSizeFilter.SENTRY_INGEST.matcher(request.getRequestURI()).matches();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String fetchSite = request.getHeader("Sec-Fetch-Site");
		String origin = request.getHeader("Origin");
		boolean crossSite = fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none");
		if (!crossSite && origin != null) {
			crossSite = !origin.equals(ownOrigin) && !origin.equals(requestOrigin(request));
		}
		if (crossSite) {
			problems.write(request, response, HttpStatus.FORBIDDEN,
					"This request came from another website. Pledge's API accepts changes only from Pledge's own pages.");
			return;
		}
		chain.doFilter(request, response);
	}

	private static String requestOrigin(HttpServletRequest request) {
		int port = request.getServerPort();
		boolean defaultPort = (request.getScheme().equals("http") && port == 80)
				|| (request.getScheme().equals("https") && port == 443);
		return request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
	}

	private static String origin(URI uri) {
		return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
	}
}
