package eu.pledge.sso;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;

/**
 * The library's token revocation, told apart from a revocation that revokes nothing. RFC 7009 answers 200 to a
 * token the server does not know and to one revoked already, and so does Pledge; but only a revocation that ended
 * a token comes back authenticated, so that only it is audited ({@code token-revoked}). The library itself answers
 * an unknown token with the unauthenticated request; a token of this client's that was revoked before is answered
 * the same way here, without saving the authorization again. A token of another client goes to the library, which
 * refuses it.
 */
final class Revocations implements AuthenticationProvider {

	private final OAuth2TokenRevocationAuthenticationProvider library;
	private final OAuth2AuthorizationService authorizations;

	Revocations(OAuth2TokenRevocationAuthenticationProvider library, OAuth2AuthorizationService authorizations) {
		this.library = library;
		this.authorizations = authorizations;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2TokenRevocationAuthenticationToken request = (OAuth2TokenRevocationAuthenticationToken) authentication;
		if (request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client && client.isAuthenticated()
				&& client.getRegisteredClient() != null) {
			OAuth2Authorization found = authorizations.findByToken(request.getToken(), null);
			OAuth2Authorization.Token<?> token = found == null ? null : found.getToken(request.getToken());
			if (token != null && token.isInvalidated()
					&& client.getRegisteredClient().getId().equals(found.getRegisteredClientId())) {
				return request;
			}
		}
		return library.authenticate(authentication);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return library.supports(authentication);
	}
}
