package eu.pledge.web;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import eu.pledge.access.Access;
import eu.pledge.access.Decision;
import eu.pledge.protection.Protection;
import eu.pledge.shared.PledgeProperties;
import eu.pledge.shared.Route;

/**
 * The whole web security of Pledge in one place: the rules for the routes every module declares
 * ({@link RouteTable}), how refusals look, which headers every response carries. Deny by default: a route no
 * module declares is nobody's.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain pledgeSecurity(HttpSecurity http, WebProperties web, Access access, RouteTable table)
			throws Exception {
		var api = PathPatternRequestMatcher.pathPattern("/api/**");
		http.authorizeHttpRequests(routes -> {
			// The container's error dispatch keeps the failed request's method; /error answers any (ContainerErrors).
			routes.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
			routes.requestMatchers(WebRoutes.PUBLIC_RESOURCES.toArray(String[]::new)).permitAll();
			for (Route route : table.all()) {
				var rule = routes.requestMatchers(route.method(), route.pattern());
				switch (route.rule().kind()) {
					case PUBLIC -> rule.permitAll();
					case SIGNED_IN -> rule.authenticated();
					case PERMISSION -> rule.access(access.requires(route.rule().permission(),
							route.rule().organizationVariable()));
				}
			}
			routes.requestMatchers(WebRoutes.ADMIN_RESOURCES.toArray(String[]::new)).hasRole("ADMIN");
			routes.anyRequest().denyAll(); // deny by default: an undeclared route is nobody's
		});
		http.csrf(csrf -> csrf.ignoringRequestMatchers(api)); // the API is guarded by SameOriginApiFilter
		http.exceptionHandling(errors -> errors
				.defaultAuthenticationEntryPointFor((request, response, ex) -> Problems.write(request, response,
						HttpStatus.UNAUTHORIZED, "Please sign in first."), api)
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), request -> true)
				.defaultAccessDeniedHandlerFor((request, response, ex) -> {
					// A refusal that would reveal whether something exists looks like nothing is there.
					boolean concealed = ex instanceof AuthorizationDeniedException denied
							&& denied.getAuthorizationResult() instanceof Decision decision && decision.concealed();
					Problems.write(request, response, concealed ? HttpStatus.NOT_FOUND : HttpStatus.FORBIDDEN,
							concealed ? "There is nothing here." : "You are not allowed to do this.");
				}, request -> true));
		http.headers(headers -> {
			headers.defaultsDisabled(); // SecurityHeaders lists Spring Security's defaults with Pledge's own
			SecurityHeaders.writers(web).forEach(headers::addHeaderWriter);
		});
		http.formLogin(form -> form.disable());
		http.httpBasic(basic -> basic.disable());
		http.logout(logout -> logout.disable()); // sessions ends sessions itself, and says so to the audit trail
		http.requestCache(cache -> cache.disable());
		http.securityContext(context -> context.securityContextRepository(securityContextRepository()));
		return http.build();
	}

	/**
	 * No Spring Security observations. Disabling them by name (an observation predicate) still wraps every
	 * filter of the chain and the authorization manager in an observing decorator on every request, which
	 * cost about a tenth of an authenticated request's CPU (docs/PERFORMANCE.md); with these settings Spring
	 * Security does not wrap at all. Request metrics stay: they come from the HTTP server observation.
	 */
	@Bean
	static SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	SecurityContextRepository securityContextRepository() {
		return new HttpSessionSecurityContextRepository();
	}

	/** First of all, so even a refusal at the edge carries an id. */
	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		return first(new RequestIdFilter(), 0);
	}

	@Bean
	FilterRegistrationBean<ClientAddressFilter> clientAddressFilter(WebProperties web) {
		return first(new ClientAddressFilter(web), 0);
	}

	/**
	 * Inside the access log, which so records the answer given, and outside everything that can fail; on the
	 * container's error dispatch too, which runs the session and security filters again.
	 */
	@Bean
	FilterRegistrationBean<FailureFilter> failureFilter(ErrorResponses responses) {
		FilterRegistrationBean<FailureFilter> registration = first(new FailureFilter(responses), 2);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
		return registration;
	}

	@Bean
	FilterRegistrationBean<BlockedAddressFilter> blockedAddressFilter(Protection protection) {
		return first(new BlockedAddressFilter(protection), 3);
	}

	@Bean
	FilterRegistrationBean<RequestSizeFilter> requestSizeFilter(WebProperties web) {
		return first(new RequestSizeFilter(web), 4);
	}

	@Bean
	FilterRegistrationBean<SameOriginApiFilter> sameOriginApiFilter(PledgeProperties pledge) {
		return first(new SameOriginApiFilter(pledge), 5);
	}

	/** Before position 6, where the error tracker serves its Sentry ingest without the chain. */
	@Bean
	FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter(WebProperties web, RouteTable table) {
		return first(new SecurityHeadersFilter(web, table.beforeTheChain()), 5);
	}

	/**
	 * Edge filters run before Spring Session (MIN_VALUE + 50) so a refused request costs no session lookup.
	 * Position 1 is the access log's (serverlogs): after the request id and client address, before any refusal.
	 * Position 6 is the error tracker's Sentry ingest (its routes served before the chain): it answers its two
	 * routes itself, after every edge filter and before Spring Session, the security chain and Spring MVC.
	 */
	private static <F extends jakarta.servlet.Filter> FilterRegistrationBean<F> first(F filter, int position) {
		FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + position);
		return registration;
	}

}
