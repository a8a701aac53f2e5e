package eu.pledge.sso;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

import eu.pledge.access.SystemAccess;
import eu.pledge.accounts.Profile;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Vault;

/**
 * What a system learns about a person, minimised per system. The subject is pairwise by default: a keyed hash of
 * the system and the account, the same for every client of one system and unrelated across systems. Tokens carry
 * the subject and the {@code access} claim (level, organisation, contract) and nothing else about the person; the
 * name, email and address come from userinfo, read from the account at that moment, and only with their scope
 * and when the system's declared purpose ({@code pledge.sso.receives}) allows it. Without access to the system
 * now (the contract ended or was suspended, the person restricted their data) no token is issued: a refresh fails
 * from that instant.
 */
@Component
class Claims implements OAuth2TokenCustomizer<JwtEncodingContext> {

	private final RecentAnswers recent;
	private final Vault vault;
	private final SigningKeys keys;
	private final SsoProperties properties;
	private final RegisteredClientRepository clients;

	Claims(RecentAnswers recent, Vault vault, SigningKeys keys, SsoProperties properties,
			RegisteredClientRepository clients) {
		this.recent = recent;
		this.vault = vault;
		this.keys = keys;
		this.properties = properties;
		this.clients = clients;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
		SigningKeys.Key key = keys.current(idToken ? idTokenAlgorithm(context.getRegisteredClient())
				: properties.keyAlgorithm());
		context.getJwsHeader().algorithm(SignatureAlgorithm.from(key.jwk().getAlgorithm().getName())).keyId(key.kid());
		if (idToken) {
			// As long as the access token: the library's default would be 30 minutes.
			java.time.Instant issued = context.getClaims().build().getIssuedAt();
			if (issued != null) {
				context.getClaims().expiresAt(issued.plus(properties.accessTokenLifetime()));
			}
		}
		if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
			context.getClaims().claim("system", SsoClients.systemOf(context.getRegisteredClient()));
			return; // a system calling for itself: no person
		}
		Authentication principal = context.getPrincipal();
		AccountId account = AccountId.of(principal.getName());
		RegisteredClient client = context.getRegisteredClient();
		String system = SsoClients.systemOf(client);
		SystemAccess grant = recent.level(account, system).orElseThrow(() -> new OAuth2AuthenticationException(
				new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, "The person no longer has access to this system.", null)));
		context.getClaims().subject(subject(client, account)).claim("access", accessClaim(grant));
		if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
			context.getClaims().claim("system", system);
		}
	}

	/** The algorithm of a client's ID tokens: its own setting, else {@code pledge.sso.key-algorithm}. */
	SsoProperties.KeyAlgorithm idTokenAlgorithm(RegisteredClient client) {
		var chosen = client.getTokenSettings().getIdTokenSignatureAlgorithm();
		return chosen != null && "RS256".equals(chosen.getName()) ? SsoProperties.KeyAlgorithm.RS256
				: chosen != null && "ES256".equals(chosen.getName()) ? SsoProperties.KeyAlgorithm.ES256
						: properties.keyAlgorithm();
	}

	/** The subject a client sees for an account: pairwise per system unless the client is set to public. */
	String subject(RegisteredClient client, AccountId account) {
		if (!SsoClients.pairwise(client)) {
			return account.toString();
		}
		byte[] mac = vault.sign("sso-pairwise-subject",
				(SsoClients.systemOf(client) + "\n" + account).getBytes(StandardCharsets.UTF_8));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
	}

	static Map<String, Object> accessClaim(SystemAccess grant) {
		Map<String, Object> claim = new LinkedHashMap<>();
		claim.put("level", grant.level());
		Map<String, Object> organization = new LinkedHashMap<>();
		organization.put("id", grant.organizationId().toString());
		organization.put("name", grant.organizationName());
		claim.put("organization", organization);
		Map<String, Object> contract = new LinkedHashMap<>();
		contract.put("id", grant.contractId().toString());
		contract.put("ends_at", grant.contractEndsAt().toString()); // ISO-8601: the stored claims are read back as JSON
		claim.put("contract", contract);
		return claim;
	}

	/**
	 * The userinfo answer: read from the account, so a corrected name or a changed address shows at once on this
	 * node and within {@code pledge.sso.recheck-after} on the others.
	 */
	OidcUserInfo userInfo(OidcUserInfoAuthenticationContext context) {
		OAuth2Authorization authorization = context.getAuthorization();
		RegisteredClient client = clients.findById(authorization.getRegisteredClientId());
		AccountId account = AccountId.of(authorization.getPrincipalName());
		String system = SsoClients.systemOf(client);
		Optional<SystemAccess> grant = recent.level(account, system);
		if (grant.isEmpty()) {
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
					"The person no longer has access to this system.", null));
		}
		Set<String> scopes = context.getAccessToken().getScopes();
		Set<SsoProperties.Data> allowed = properties.receivedBy(system);
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", subject(client, account));
		claims.put("access", accessClaim(grant.get()));
		boolean name = scopes.contains(OidcScopes.PROFILE) && allowed.contains(SsoProperties.Data.NAME);
		boolean email = scopes.contains(OidcScopes.EMAIL) && allowed.contains(SsoProperties.Data.EMAIL);
		boolean address = scopes.contains(OidcScopes.ADDRESS) && allowed.contains(SsoProperties.Data.ADDRESS);
		if (name || email || address) {
			Profile profile = recent.profile(account);
			if (name) {
				claims.put("name", profile.name());
			}
			if (email) {
				claims.put("email", profile.email());
				claims.put("email_verified", true);
			}
			if (address && profile.address() != null) {
				var postal = profile.address();
				claims.put("address", Map.of("street_address", postal.street(), "postal_code", postal.postalCode(),
						"locality", postal.city(), "country", postal.country(), "formatted",
						postal.street() + "\n" + postal.postalCode() + " " + postal.city() + "\n" + postal.country()));
			}
		}
		return new OidcUserInfo(claims);
	}
}
