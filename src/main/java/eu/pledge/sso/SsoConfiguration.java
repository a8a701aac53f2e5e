package eu.pledge.sso;

import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;
import org.springframework.transaction.support.TransactionTemplate;

import eu.pledge.access.Access;
import eu.pledge.access.AccessProperties;
import eu.pledge.sessions.SessionsProperties;
import eu.pledge.sessions.SignInContinuation;
import eu.pledge.shared.PledgeProperties;
import eu.pledge.web.EdgeSecurity;

/**
 * Spring Security's authorization server, configured for Pledge: its endpoints in a filter chain of their own,
 * before the application's; clients, authorizations and consents in the database (any node answers); tokens
 * signed with {@link SigningKeys}; claims from {@link Claims}; a person without access to the system refused by
 * {@link SystemAccessFilter}; a stranger sent to Pledge's own sign-in page and brought back afterwards.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SsoProperties.class)
class SsoConfiguration {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain authorizationServer(HttpSecurity http, EdgeSecurity edge, RegisteredClientRepository clients,
			TokenStore tokens, OAuth2AuthorizationConsentService consents, AuthorizationServerSettings settings,
			Claims claims, SigningKeys keys, Access access, AccessProperties catalogue,
			SignInContinuation continuation, Clock clock, ApplicationEventPublisher events, SsoProperties properties,
			TransactionTemplate transactions, JwtDecoder decoder, SsoRoutes routes) throws Exception {
		OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
		http.securityMatcher(new ProtocolPaths(server.getEndpointsMatcher(), routes.routes()));
		edge.apply(http);
		http.with(server, as -> as.registeredClientRepository(clients)
				.authorizationService(tokens)
				.authorizationConsentService(consents)
				.authorizationServerSettings(settings)
				.clientAuthentication(authentication -> authentication.authenticationProviders(providers -> providers
						.forEach(provider -> {
							if (provider instanceof ClientSecretAuthenticationProvider secrets) {
								secrets.setPasswordEncoder(new ClientSecrets(clock));
							}
						})).errorResponseHandler(new ClientAuthenticationFailures(clients, events, clock)))
				// Introspection reads through the view that reuses what this node checked within the second.
				.tokenIntrospectionEndpoint(introspection -> introspection.authenticationProviders(providers -> providers
						.replaceAll(provider -> provider instanceof OAuth2TokenIntrospectionAuthenticationProvider
								? new OAuth2TokenIntrospectionAuthenticationProvider(clients, tokens.introspection())
								: provider)))
				.tokenRevocationEndpoint(revocation -> revocation.authenticationProviders(providers -> providers
						.replaceAll(provider -> provider instanceof OAuth2TokenRevocationAuthenticationProvider library
								? new Revocations(library, tokens, transactions) : provider))
						.revocationResponseHandler((request, response, done) -> {
							// Audited by the client that revoked when a token was ended (the result is authenticated
							// only then: Revocations); which token is never recorded.
							if (done.isAuthenticated() && done.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
									&& client.getRegisteredClient() != null) {
								transactions.executeWithoutResult(status -> events.publishEvent(new SystemSignIn(null,
										SsoClients.systemOf(client.getRegisteredClient()),
										client.getRegisteredClient().getClientId(), "token-revoked", clock.instant())));
							}
							response.setStatus(200);
						}))
				.oidc(oidc -> oidc.userInfoEndpoint(userInfo -> userInfo.userInfoMapper(claims::userInfo))
						.providerConfigurationEndpoint(discovery -> discovery.providerConfigurationCustomizer(metadata -> {
							// What Pledge does, not the library's defaults: ES256 first (the default), pairwise subjects.
							metadata.idTokenSigningAlgorithms(algorithms -> {
								algorithms.clear();
								algorithms.add(properties.keyAlgorithm().name());
								algorithms.add(properties.keyAlgorithm() == SsoProperties.KeyAlgorithm.ES256 ? "RS256" : "ES256");
							});
							metadata.subjectTypes(types -> {
								types.clear();
								types.add("pairwise");
								types.add("public");
							});
							metadata.scopes(scopes -> {
								scopes.clear();
								scopes.addAll(java.util.List.of("openid", "profile", "email", "address"));
							});
							metadata.claim("claims_supported", java.util.List.of("sub", "iss", "aud", "exp", "iat",
									"auth_time", "nonce", "access", "name", "email", "email_verified", "address"));
							metadata.claim("backchannel_logout_supported", true);
							metadata.claim("backchannel_logout_session_supported", false);
						}))));
		http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
		http.csrf(csrf -> csrf.ignoringRequestMatchers(server.getEndpointsMatcher()));
		http.oauth2ResourceServer(resource -> resource.jwt(jwt -> jwt.decoder(decoder)));
		http.exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor((request, response, ex) -> {
			continuation.remember(request, pathAndQuery(request));
			response.sendRedirect("/login");
		}, request -> SystemAccessFilter.AUTHORIZE.equals(request.getRequestURI())));
		http.addFilterBefore(new SystemAccessFilter(clients, access, catalogue, continuation, clock),
				AbstractPreAuthenticatedProcessingFilter.class);
		http.addFilterBefore(new ProtocolRouteNames(routes.routes()), SecurityContextHolderFilter.class);
		return http.build();
	}

	private static String pathAndQuery(HttpServletRequest request) {
		return request.getQueryString() == null ? request.getRequestURI()
				: request.getRequestURI() + "?" + request.getQueryString();
	}

	@Bean
	CachedClients registeredClientRepository(JdbcOperations jdbc, Clock clock) {
		return new CachedClients(jdbc, clock);
	}

	@Bean
	TokenStore tokenStore(JdbcOperations operations, JdbcClient jdbc, RegisteredClientRepository clients,
			TransactionTemplate transactions, ApplicationEventPublisher events, SsoProperties properties, Clock clock,
			RecentAnswers recent) {
		return new TokenStore(operations, jdbc, clients, transactions, events, properties, clock, recent);
	}

	@Bean
	OAuth2AuthorizationConsentService authorizationConsentService(JdbcOperations jdbc,
			RegisteredClientRepository clients) {
		return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(PledgeProperties pledge) {
		String issuer = pledge.baseUrl().toString();
		return AuthorizationServerSettings.builder()
				.issuer(issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer).build();
	}

	@Bean
	JwtDecoder jwtDecoder(SigningKeys keys) {
		return new VerifiedTokens(OAuth2AuthorizationServerConfiguration.jwtDecoder(keys));
	}


}
