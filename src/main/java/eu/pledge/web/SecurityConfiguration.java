package eu.pledge.web;


import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import eu.pledge.protection.Protection;
import eu.pledge.shared.PledgeProperties;

/**
 * The whole web security of Pledge in one place: which route needs what, how refusals look, which headers
 * every response carries. Deny by default: a route not listed here needs a signed-in person.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	@Bean
	SecurityFilterChain pledgeSecurity(HttpSecurity http, WebProperties web) throws Exception {
		var api = PathPatternRequestMatcher.pathPattern("/api/**");
		http.authorizeHttpRequests(routes -> routes
				// public pages and assets
				.requestMatchers("/", "/css/**", "/img/**", "/js/**", "/favicon.ico", "/error").permitAll()
				.requestMatchers("/register", "/verify", "/login", "/login/second-factor", "/password-reset",
						"/password-reset/confirm", "/email/confirm", "/setup").permitAll()
				.requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
				// public API
				.requestMatchers(HttpMethod.POST, "/api/v1/accounts", "/api/v1/accounts/verification",
						"/api/v1/session", "/api/v1/password-reset", "/api/v1/password-reset/confirmation",
						"/api/v1/me/email/confirmation").permitAll()
				.requestMatchers(HttpMethod.DELETE, "/api/v1/session").permitAll()
				// the vendor's staff
				.requestMatchers("/admin/**", "/api/v1/admin/**", "/api/v1/openapi/**", "/actuator/**")
				.hasRole("ADMIN")
				// everything else: a signed-in person
				.anyRequest().authenticated());
		http.csrf(csrf -> csrf.ignoringRequestMatchers(api)); // the API is guarded by SameOriginApiFilter
		http.exceptionHandling(errors -> errors
				.defaultAuthenticationEntryPointFor((request, response, ex) -> Problems.write(request, response,
						HttpStatus.UNAUTHORIZED, "Please sign in first."), api)
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), request -> true)
				.defaultAccessDeniedHandlerFor((request, response, ex) -> Problems.write(request, response,
						HttpStatus.FORBIDDEN, "You are not allowed to do this."), request -> true));
		http.headers(headers -> headers
				.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
				.frameOptions(frames -> frames.deny())
				.httpStrictTransportSecurity(hsts -> {
					if (web.secureCookies()) {
						hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000).requestMatcher(request -> true);
					}
					else {
						hsts.disable();
					}
				}));
		http.formLogin(form -> form.disable());
		http.httpBasic(basic -> basic.disable());
		http.logout(logout -> logout.disable()); // sessions ends sessions itself, and says so to the audit trail
		http.requestCache(cache -> cache.disable());
		http.securityContext(context -> context.securityContextRepository(securityContextRepository()));
		return http.build();
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

	@Bean
	FilterRegistrationBean<BlockedAddressFilter> blockedAddressFilter(Protection protection) {
		return first(new BlockedAddressFilter(protection), 1);
	}

	@Bean
	FilterRegistrationBean<RequestSizeFilter> requestSizeFilter(WebProperties web) {
		return first(new RequestSizeFilter(web), 2);
	}

	@Bean
	FilterRegistrationBean<SameOriginApiFilter> sameOriginApiFilter(PledgeProperties pledge) {
		return first(new SameOriginApiFilter(pledge), 3);
	}

	/** Edge filters run before Spring Session (MIN_VALUE + 50) so a refused request costs no session lookup. */
	private static <F extends jakarta.servlet.Filter> FilterRegistrationBean<F> first(F filter, int position) {
		FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + position);
		return registration;
	}

}
