package example.crm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * A relying party as a customer's system would be: a Spring Boot application with the ordinary OAuth 2.0 client
 * (spring-boot-starter-oauth2-client) that signs people in through Pledge (oauth2Login with PKCE), listens for
 * Pledge's back-channel logout, and shows who is signed in with the access Pledge granted. Configured only through
 * {@code spring.security.oauth2.client.*} properties; nothing of Pledge on its classpath is used. It lives outside
 * {@code eu.pledge} so that neither Pledge's component scan nor the module checks see it.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, ConfigurationPropertiesAutoConfiguration.class,
		SslAutoConfiguration.class, TomcatServletWebServerAutoConfiguration.class,
		DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class,
		HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class, SecurityAutoConfiguration.class,
		ServletWebSecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
		OAuth2ClientAutoConfiguration.class, OAuth2ClientWebSecurityAutoConfiguration.class })
@Import(CrmApplication.CrmPages.class)
public class CrmApplication {

	/** The registration id: the callback is {@code /login/oauth2/code/pledge}, back-channel logout {@code /logout/connect/back-channel/pledge}. */
	public static final String REGISTRATION = "pledge";

	/**
	 * Starts the relying party on {@code port} with these properties (the client's id and secret, the issuer). Reads
	 * no application.yml (Pledge's is on the same classpath) and leaves the JVM's logging as the tests set it up.
	 */
	public static ConfigurableApplicationContext start(int port, Map<String, String> properties) {
		SpringApplication application = new SpringApplication(CrmApplication.class);
		application.setWebApplicationType(WebApplicationType.SERVLET);
		List<ApplicationListener<?>> listeners = new ArrayList<>(application.getListeners());
		listeners.removeIf(LoggingApplicationListener.class::isInstance);
		application.setListeners(listeners);
		List<String> arguments = new ArrayList<>(List.of("--spring.config.name=crm", "--spring.main.banner-mode=off",
				"--server.port=" + port));
		properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
		return application.run(arguments.toArray(String[]::new));
	}

	public static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	@Bean
	SecurityFilterChain crm(HttpSecurity http, ClientRegistrationRepository registrations) throws Exception {
		DefaultOAuth2AuthorizationRequestResolver requests = new DefaultOAuth2AuthorizationRequestResolver(registrations,
				"/oauth2/authorization");
		requests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
		http.authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated());
		http.oauth2Login(login -> login.authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(requests))
				.failureHandler((request, response, ex) -> {
					// what a system shows when the sign-in fails: the OAuth error, never the person's data
					response.setStatus(401);
					response.setContentType("text/html;charset=UTF-8");
					response.getWriter().write(CrmPages.page("Sign-in failed", "<p id=\"result\">"
							+ CrmPages.text(ex instanceof OAuth2AuthenticationException oauth
									? oauth.getError().getErrorCode() + ": " + oauth.getError().getDescription()
									: ex.getClass().getSimpleName()) + "</p>"));
				}));
		http.oidcLogout(logout -> logout.backChannel(Customizer.withDefaults()));
		return http.build();
	}

	/** Session id changes (on sign-in) reach the OIDC session registry that back-channel logout looks sessions up in. */
	@Bean
	static HttpSessionEventPublisher httpSessionEventPublisher() {
		return new HttpSessionEventPublisher();
	}

	/**
	 * Pledge signs ID tokens with ES256 unless configured otherwise ({@code pledge.sso.key-algorithm}); the client
	 * expects RS256 unless told: {@code crm.id-token-algorithm}, ES256 by default.
	 */
	@Bean
	JwtDecoderFactory<ClientRegistration> idTokenDecoderFactory(
			@Value("${crm.id-token-algorithm:ES256}") String algorithm) {
		OidcIdTokenDecoderFactory decoders = new OidcIdTokenDecoderFactory();
		decoders.setJwsAlgorithmResolver(registration -> SignatureAlgorithm.from(algorithm));
		return decoders;
	}

	/** The signed-in person's page, and a refresh of the tokens on demand. */
	@Controller
	static class CrmPages {

		private final OAuth2AuthorizedClientRepository authorizedClients;
		private final DefaultOAuth2AuthorizedClientManager refreshing;

		CrmPages(ClientRegistrationRepository registrations, OAuth2AuthorizedClientRepository authorizedClients) {
			this.authorizedClients = authorizedClients;
			// Pledge's access tokens live minutes: treat them as expired now, so that /refresh always refreshes.
			this.refreshing = new DefaultOAuth2AuthorizedClientManager(registrations, authorizedClients);
			this.refreshing.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
					.refreshToken(refresh -> refresh.clockSkew(Duration.ofHours(1))).build());
		}

		@GetMapping(path = "/", produces = "text/html")
		@ResponseBody
		String home(@AuthenticationPrincipal OidcUser user) {
			Map<String, Object> access = user.getClaimAsMap("access");
			Object level = access == null ? null : access.get("level");
			Object organization = access == null || !(access.get("organization") instanceof Map<?, ?> named) ? null
					: named.get("name");
			return page("CRM", "<p id=\"subject\">" + text(user.getSubject()) + "</p>"
					+ "<p id=\"name\">" + text(user.getFullName()) + "</p>"
					+ "<p id=\"email\">" + text(user.getEmail()) + "</p>"
					+ "<p id=\"level\">Access: " + text(level) + "</p>"
					+ "<p id=\"organization\">Organisation: " + text(organization) + "</p>");
		}

		@GetMapping(path = "/refresh", produces = "text/html")
		@ResponseBody
		String refresh(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
			OAuth2AuthorizedClient before = authorizedClients.loadAuthorizedClient(REGISTRATION, authentication, request);
			if (before == null || before.getRefreshToken() == null) {
				return page("No refresh token", "<p id=\"result\">no refresh token</p>");
			}
			try {
				OAuth2AuthorizedClient after = refreshing.authorize(OAuth2AuthorizeRequest
						.withClientRegistrationId(REGISTRATION).principal(authentication)
						.attribute(HttpServletRequest.class.getName(), request)
						.attribute(HttpServletResponse.class.getName(), response).build());
				boolean renewed = after != null
						&& !after.getAccessToken().getTokenValue().equals(before.getAccessToken().getTokenValue());
				return page("Refreshed", "<p id=\"result\">" + (renewed ? "refreshed" : "not refreshed") + "</p>");
			}
			catch (OAuth2AuthorizationException ex) { // a ClientAuthorizationException when Pledge refuses
				return page("Refresh refused", "<p id=\"result\">refused: " + text(ex.getError().getErrorCode())
						+ "</p>");
			}
		}

		static String page(String heading, String body) {
			return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + heading
					+ " · CRM</title></head><body><h1>" + heading + "</h1>" + body + "</body></html>";
		}

		static String text(Object value) {
			return HtmlUtils.htmlEscape(String.valueOf(value));
		}
	}
}
