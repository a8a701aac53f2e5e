package eu.pledge.web;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;

/**
 * A browser that asks for a page it must be signed in for goes to the sign-in page, which takes it back to that
 * page afterwards ({@code /login?continue=<path>}; the sign-in page keeps only a path of Pledge itself). Only a
 * {@code GET} is carried on: a form is never sent again by itself. The query string is left behind: it may hold a
 * search for a person ({@code /admin/accounts?q=<email>}), and the path waits in the session's row until the sign-in,
 * where nothing personal is kept in the clear (as the access log never keeps a query string).
 */
final class SignInRedirect implements AuthenticationEntryPoint {

	/** Longer paths are not carried: the sign-in page's address stays short (the continuation keeps up to 4,000). */
	static final int MAX_PATH = 2_000;

	private final RedirectStrategy redirects = new DefaultRedirectStrategy();

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
			throws IOException {
		redirects.sendRedirect(request, response, target(request));
	}

	static String target(HttpServletRequest request) {
		if (!"GET".equals(request.getMethod())) {
			return "/login";
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.length() > MAX_PATH || "/".equals(path) ? "/login"
				: "/login?continue=" + URLEncoder.encode(path, StandardCharsets.UTF_8);
	}
}
