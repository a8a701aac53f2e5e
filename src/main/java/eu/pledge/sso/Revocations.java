package eu.pledge.sso;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The library's token revocation, told apart from a revocation that revokes nothing. RFC 7009 answers 200 to a
 * token the server does not know and to one revoked already, and so does Pledge; but only the revocation that
 * ended a token comes back authenticated, so that only it is audited ({@code token-revoked}). The library itself
 * answers an unknown token with the unauthenticated request. A token of this client's is revoked holding its
 * authorization's row: of forty revocations of one token at once, on any nodes, the first ends it and the others
 * find it revoked and are answered like an unknown token, without saving the authorization again. A token of
 * another client goes to the library, which refuses it.
 */
final class Revocations implements AuthenticationProvider {

	private final OAuth2TokenRevocationAuthenticationProvider library;
	private final TokenStore authorizations;
	private final TransactionTemplate transactions;

	Revocations(OAuth2TokenRevocationAuthenticationProvider library, TokenStore authorizations,
			TransactionTemplate transactions) {
		this.library = library;
		this.authorizations = authorizations;
		this.transactions = transactions;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2TokenRevocationAuthenticationToken request = (OAuth2TokenRevocationAuthenticationToken) authentication;
		if (!(request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client) || !client.isAuthenticated()
				|| client.getRegisteredClient() == null) {
			return library.authenticate(authentication);
		}
		String clientId = client.getRegisteredClient().getId();
		return transactions.execute(status -> {
			OAuth2Authorization found = authorizations.findByToken(request.getToken(), null);
			if (found != null && clientId.equals(found.getRegisteredClientId()) && authorizations.hold(found.getId())
					&& revokedAlready(request.getToken())) {
				return request;
			}
			return library.authenticate(authentication);
		});
	}

	/** Read again once the row is held: another revocation may have ended the token meanwhile. */
	private boolean revokedAlready(String value) {
		OAuth2Authorization current = authorizations.findByToken(value, null);
		OAuth2Authorization.Token<?> token = current == null ? null : current.getToken(value);
		return token == null || token.isInvalidated();
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return library.supports(authentication);
	}
}
