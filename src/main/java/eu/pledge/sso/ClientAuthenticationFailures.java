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
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ErrorAuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * A client that failed to authenticate gets the library's OAuth error answer, and Secure Patrol hears of it
 * ({@link ClientAuthenticationFailed}): someone guessing a system's secret from one address is banned like someone
 * guessing passwords.
 */
class ClientAuthenticationFailures implements AuthenticationFailureHandler {

	private final AuthenticationFailureHandler answer = new OAuth2ErrorAuthenticationFailureHandler();
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
		answer.onAuthenticationFailure(request, response, exception);
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
