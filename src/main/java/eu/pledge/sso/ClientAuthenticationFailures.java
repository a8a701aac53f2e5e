package eu.pledge.sso;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * A client that failed to authenticate gets the OAuth error answer the library gives by default, and Secure Patrol hears of it
 * ({@link ClientAuthenticationFailed}): someone guessing a system's secret from one address is banned like someone
 * guessing passwords.
 */
class ClientAuthenticationFailures implements AuthenticationFailureHandler {

	private final OAuth2ErrorHttpMessageConverter converter = new OAuth2ErrorHttpMessageConverter();
	private final RegisteredClientRepository clients;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	ClientAuthenticationFailures(RegisteredClientRepository clients, ApplicationEventPublisher events, Clock clock) {
		this.clients = clients;
		this.events = events;
		this.clock = clock;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		String clientId = clientId(request);
		RegisteredClient client = clientId == null || clientId.length() > 100 ? null : clients.findByClientId(clientId);
		events.publishEvent(new ClientAuthenticationFailed(client == null ? null : SsoClients.systemOf(client),
				clock.instant()));
		// As the library answers by default: 401 for a client that failed to authenticate, else 400.
		OAuth2Error error = exception instanceof OAuth2AuthenticationException oauth ? oauth.getError()
				: new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT);
		ServletServerHttpResponse answer = new ServletServerHttpResponse(response);
		answer.setStatusCode(OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode()) ? HttpStatus.UNAUTHORIZED
				: HttpStatus.BAD_REQUEST);
		converter.write(error, null, answer);
	}

	private static String clientId(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
			try {
				String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
				int colon = decoded.indexOf(':');
				return colon < 0 ? null : java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}
		return request.getParameter("client_id");
	}
}
