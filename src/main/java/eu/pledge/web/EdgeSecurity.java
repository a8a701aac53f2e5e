package eu.pledge.web;

import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * What every security filter chain of Pledge shares, for a module that serves endpoints through a chain of its
 * own (single sign-on's authorization server): the same security headers, the same session-held sign-in, no
 * request cache, and refusals in the API's problem shape.
 */
@Component
public class EdgeSecurity {

	private final WebProperties web;
	private final SecurityContextRepository contexts;
	private final Problems problems;

	EdgeSecurity(WebProperties web, SecurityContextRepository contexts, Problems problems) {
		this.web = web;
		this.contexts = contexts;
		this.problems = problems;
	}

	/** Applies the shared parts to {@code http}. */
	public HttpSecurity apply(HttpSecurity http) throws Exception {
		http.headers(headers -> {
			headers.defaultsDisabled();
			SecurityHeaders.writers(web).forEach(headers::addHeaderWriter);
		});
		http.requestCache(cache -> cache.disable());
		http.securityContext(context -> context.securityContextRepository(contexts));
		http.exceptionHandling(errors -> errors.accessDeniedHandler((request, response, ex) -> problems
				.write(request, response, HttpStatus.FORBIDDEN, "You are not allowed to do this.")));
		return http;
	}
}
