package eu.pledge.sso;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.util.UriComponentsBuilder;

import eu.pledge.access.Access;
import eu.pledge.access.AccessProperties;
import eu.pledge.sessions.SignInContinuation;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Permission;
import eu.pledge.shared.RequestFilter;

/**
 * Before the authorization endpoint answers a signed-in person: does a contract give them access to the system
 * whose client asks? If not, Pledge says so on a page of its own (not an error code sent to the system), and the
 * refusal is recorded like every other access denial ({@code AccessDenied}). A restricted account has access to
 * nothing, so it is refused here too.
 */
class SystemAccessFilter extends RequestFilter {

	static final String AUTHORIZE = "/oauth2/authorize";

	private final RegisteredClientRepository clients;
	private final Access access;
	private final AccessProperties catalogue;
	private final SignInContinuation continuation;
	private final Clock clock;

	SystemAccessFilter(RegisteredClientRepository clients, Access access, AccessProperties catalogue,
			SignInContinuation continuation, Clock clock) {
		this.clients = clients;
		this.access = access;
		this.catalogue = catalogue;
		this.continuation = continuation;
		this.clock = clock;
	}

	/**
	 * The authorization server dates the ID token's {@code auth_time} by the sign-in's factor authorities (Spring
	 * Security 7); Pledge's session holds the sign-in time apart. For this request only (the session is not
	 * changed), the signed-in person carries it as the password factor's time.
	 */
	private void withSignInTime(HttpServletRequest request, Authentication who) {
		if (who.getAuthorities().stream().anyMatch(FactorGrantedAuthority.class::isInstance)) {
			return;
		}
		List<GrantedAuthority> authorities = new ArrayList<>(who.getAuthorities());
		authorities.add(FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)
				.issuedAt(continuation.signedInAt(request).orElseGet(clock::instant)).build());
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(who.getPrincipal(), null, authorities));
		SecurityContextHolder.setContext(context);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !AUTHORIZE.equals(request.getRequestURI());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication who = SecurityContextHolder.getContext().getAuthentication();
		String clientId = request.getParameter("client_id");
		if (who == null || !who.isAuthenticated() || who instanceof AnonymousAuthenticationToken || clientId == null
				|| clientId.length() > 100) {
			chain.doFilter(request, response);
			return;
		}
		RegisteredClient client = clients.findByClientId(clientId);
		String system = client == null ? null : SsoClients.systemOf(client);
		if (system == null || !catalogue.systems().containsKey(system)) {
			chain.doFilter(request, response); // the endpoint refuses an unknown client itself
			return;
		}
		AccountId account = AccountId.from(who);
		if (access.level(account, system).isPresent()) {
			withSignInTime(request, who);
			chain.doFilter(request, response);
			return;
		}
		List<String> levels = catalogue.systems().get(system);
		access.check(account, Permission.USE_SYSTEM, system + ":" + levels.get(0)); // records the refusal
		response.sendRedirect(UriComponentsBuilder.fromPath("/sso/refused").queryParam("system", system).build()
				.encode().toUriString());
	}
}
