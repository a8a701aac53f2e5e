package eu.pledge.web;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.SingleResultAuthorizationManager;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import eu.pledge.access.Access;
import eu.pledge.access.Decision;
import eu.pledge.protection.Protection;
import eu.pledge.protection.Switches;
import eu.pledge.shared.FilterPosition;
import eu.pledge.shared.PledgeProperties;
import eu.pledge.shared.Route;

/**
 * The whole web security of Pledge in one place: the rules for the routes every module declares
 * ({@link RouteTable}), how refusals look, which headers every response carries. Deny by default: a route no
 * module declares is nobody's.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final String NOT_FOUND = "There is nothing here.";

	@Bean
	SecurityFilterChain pledgeSecurity(HttpSecurity http, WebProperties web, Access access, Problems problems,
			RouteTable table)
			throws Exception {
		var api = PathPatternRequestMatcher.pathPattern("/api/**");
		// One rule decides, found through an index rather than by walking every route's matcher (RouteAuthorization).
		var authorization = new RouteAuthorization(rules(table, access));
		http.authorizeHttpRequests(routes -> routes.anyRequest().access(authorization));
		http.csrf(csrf -> csrf.ignoringRequestMatchers(api)); // the API is guarded by SameOriginApiFilter
		http.exceptionHandling(errors -> errors
				.defaultAuthenticationEntryPointFor((request, response, ex) -> problems.write(request, response,
						HttpStatus.NOT_FOUND, NOT_FOUND), request -> !table.knows(request))
				.defaultAuthenticationEntryPointFor((request, response, ex) -> problems.write(request, response,
						HttpStatus.UNAUTHORIZED, "Please sign in first."), api)
				.defaultAuthenticationEntryPointFor(new SignInRedirect(), request -> true)
				.defaultAccessDeniedHandlerFor((request, response, ex) -> problems.write(request, response,
						HttpStatus.NOT_FOUND, NOT_FOUND), request -> !table.knows(request))
				.defaultAccessDeniedHandlerFor((request, response, ex) -> {
					if (ex instanceof CsrfException) {
						problems.writeExpiredForm(request, response, signedIn());
						return;
					}
					// A refusal that would reveal whether something exists looks like nothing is there.
					boolean concealed = ex instanceof AuthorizationDeniedException denied
							&& denied.getAuthorizationResult() instanceof Decision decision && decision.concealed();
					problems.write(request, response, concealed ? HttpStatus.NOT_FOUND : HttpStatus.FORBIDDEN,
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

	/** Whether the request carries a person's sign-in (the security context is loaded before the CSRF check). */
	private static boolean signedIn() {
		return new org.springframework.security.authentication.AuthenticationTrustResolverImpl().isAuthenticated(
				org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication());
	}

	/**
	 * Who may call what, in the order the first match decides: static assets and health, every module's routes (the
	 * most specific pattern first, see {@link RouteTable}), the operational endpoints for administrators; anything
	 * else is refused (deny by default: an undeclared route is nobody's).
	 */
	static List<RouteAuthorization.Rule> rules(RouteTable table, Access access) {
		List<RouteAuthorization.Rule> rules = new ArrayList<>();
		WebRoutes.PUBLIC_RESOURCES.forEach(pattern -> rules.add(new RouteAuthorization.Rule(null, pattern,
				SingleResultAuthorizationManager.permitAll())));
		for (Route route : table.all()) {
			if (route.servedByOwnChain()) {
				continue; // its module's chain comes first and decides
			}
			AuthorizationManager<RequestAuthorizationContext> manager = switch (route.rule().kind()) {
				case PUBLIC -> SingleResultAuthorizationManager.permitAll();
				case SIGNED_IN -> AuthenticatedAuthorizationManager.authenticated();
				case PERMISSION -> access.requires(route.rule().permission(), route.rule().organizationVariable());
			};
			rules.add(new RouteAuthorization.Rule(route.method(), route.pattern(), manager));
		}
		WebRoutes.ADMIN_RESOURCES.forEach(pattern -> rules.add(new RouteAuthorization.Rule(null, pattern,
				AuthorityAuthorizationManager.hasRole("ADMIN"))));
		return rules;
	}

	/**
	 * No Spring Security observations. Disabling them by name (an observation predicate) still wraps every
	 * filter of the chain and the authorization manager in an observing decorator on every request, which
	 * cost about a tenth of an authenticated request's CPU (docs/PERFORMANCE.md); with these settings Spring
	 * Security does not wrap at all. Request metrics stay: the access log records them (serverlogs).
	 */
	@Bean
	static SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	SecurityContextRepository securityContextRepository() {
		return new HttpSessionSecurityContextRepository();
	}

	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		return at(FilterPosition.REQUEST_ID, new RequestIdFilter());
	}

	@Bean
	FilterRegistrationBean<ClientAddressFilter> clientAddressFilter(WebProperties web) {
		return at(FilterPosition.CLIENT_ADDRESS, new ClientAddressFilter(web));
	}

	/** On the container's error dispatch too, which runs the session and security filters again. */
	@Bean
	FilterRegistrationBean<FailureFilter> failureFilter(ErrorResponses responses) {
		FilterRegistrationBean<FailureFilter> registration = at(FilterPosition.FAILURES, new FailureFilter(responses));
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
		return registration;
	}

	@Bean
	FilterRegistrationBean<BlockedAddressFilter> blockedAddressFilter(Protection protection, Problems problems) {
		return at(FilterPosition.BLOCKED_ADDRESSES, new BlockedAddressFilter(protection, problems));
	}

	@Bean
	FilterRegistrationBean<SwitchedOffFilter> switchedOffFilter(Switches switches, Problems problems, Clock clock) {
		return at(FilterPosition.SWITCHED_OFF, new SwitchedOffFilter(switches, problems, clock));
	}

	@Bean
	FilterRegistrationBean<RequestSizeFilter> requestSizeFilter(WebProperties web, Problems problems) {
		return at(FilterPosition.REQUEST_SIZE, new RequestSizeFilter(web, problems));
	}

	@Bean
	FilterRegistrationBean<SameOriginApiFilter> sameOriginApiFilter(PledgeProperties pledge, Problems problems) {
		return at(FilterPosition.SAME_ORIGIN_API, new SameOriginApiFilter(pledge, problems));
	}

	@Bean
	FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter(WebProperties web, RouteTable table) {
		return at(FilterPosition.SECURITY_HEADERS, new SecurityHeadersFilter(web, table.beforeTheChain()));
	}

	private static <F extends jakarta.servlet.Filter> FilterRegistrationBean<F> at(FilterPosition position, F filter) {
		FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(position.order());
		return registration;
	}

}
