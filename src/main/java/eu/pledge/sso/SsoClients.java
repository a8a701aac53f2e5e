package eu.pledge.sso;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.access.AccessProperties;
import eu.pledge.shared.Rejected;
import eu.pledge.shared.Tokens;

/**
 * The OAuth clients of the vendor's systems: each belongs to one system of the access catalogue. Confidential
 * clients authenticate with a secret Pledge makes (shown once, stored as a digest, rotated with an overlap); public
 * clients (apps in a browser or on a device) must use PKCE. Only the authorization code (with refresh tokens) and,
 * for confidential clients, client credentials are allowed: no implicit and no password grant.
 */
@Service
class SsoClients {

	private final RecentAnswers recent;

	static final String SYSTEM = "pledge.system";
	static final String SUBJECT = "pledge.subject";
	static final String BACKCHANNEL_LOGOUT_URI = "pledge.backchannelLogoutUri";
	static final Set<String> SCOPES = Set.of(OidcScopes.OPENID, OidcScopes.PROFILE, OidcScopes.EMAIL,
			OidcScopes.ADDRESS);
	static final Duration SECRET_OVERLAP = Duration.ofHours(24);
	private static final int MAX_URIS = 20;

	private final CachedClients repository;
	private final JdbcClient jdbc;
	private final AccessProperties access;
	private final SsoProperties properties;
	private final Clock clock;
	private final TokenStore tokens;
	private final ApplicationEventPublisher events;

	SsoClients(CachedClients repository, JdbcClient jdbc, AccessProperties access, SsoProperties properties,
			Clock clock, TokenStore tokens, RecentAnswers recent, ApplicationEventPublisher events) {
		this.recent = recent;
		this.events = events;
		this.repository = repository;
		this.jdbc = jdbc;
		this.access = access;
		this.properties = properties;
		this.clock = clock;
		this.tokens = tokens;
	}

	/**
	 * What an administrator asks for. Every field is optional on a change. {@code idTokenAlgorithm} is
	 * {@code ES256} or {@code RS256} (default {@code pledge.sso.key-algorithm}). {@code endPreviousSecrets} stops
	 * the secrets before the current one at once; with {@code rotateSecret}, the new secret is the only one that works
	 * (a secret that leaked).
	 */
	record ClientRequest(String name, String type, List<String> redirectUris, List<String> postLogoutRedirectUris,
			String backchannelLogoutUri, String subject, List<String> scopes, Boolean rotateSecret,
			Boolean endPreviousSecrets, String idTokenAlgorithm) {
	}

	/** A client as administrators see it; {@code secret} only in the answer that made it. */
	record ClientView(String clientId, String system, String name, String type, List<String> redirectUris,
			List<String> postLogoutRedirectUris, String backchannelLogoutUri, String subject, List<String> scopes,
			String idTokenAlgorithm, Instant createdAt, Instant previousSecretValidUntil, String secret) {
		@Override
		public String toString() {
			return "ClientView[" + clientId + "]";
		}
	}

	@Transactional
	ClientView register(String system, ClientRequest request) {
		requireSystem(system);
		String type = choose("type", request.type(), "confidential", "confidential", "public");
		String name = name(request.name(), system);
		String clientId = system + "-" + Tokens.random(9).toLowerCase().replace('_', 'x').replace('-', 'x');
		String secret = type.equals("confidential") ? Tokens.random(32) : null;
		RegisteredClient.Builder builder = RegisteredClient.withId(UUID.randomUUID().toString()).clientId(clientId)
				.clientIdIssuedAt(clock.instant()).clientName(name);
		if (secret != null) {
			builder.clientSecret(ClientSecrets.only(secret))
					.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
					.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
					.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS);
		}
		else {
			builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
		}
		builder.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN);
		List<String> redirects = uris("redirectUris", request.redirectUris(), true);
		redirects.forEach(builder::redirectUri);
		uris("postLogoutRedirectUris", request.postLogoutRedirectUris(), false).forEach(builder::postLogoutRedirectUri);
		scopes(request.scopes()).forEach(builder::scope);
		builder.clientSettings(settings(type, system, choose("subject", request.subject(), "pairwise", "pairwise",
				"public"), uri("backchannelLogoutUri", request.backchannelLogoutUri())));
		builder.tokenSettings(tokenSettings(choose("idTokenAlgorithm", request.idTokenAlgorithm(),
				properties.keyAlgorithm().name(), "ES256", "RS256")));
		RegisteredClient client = builder.build();
		repository.save(client);
		events.publishEvent(new SsoClientChanged(clientId, system, "registered"));
		return view(client, secret);
	}

	List<ClientView> list(String system) {
		requireSystem(system);
		return jdbc.sql("SELECT id FROM oauth2_registered_client ORDER BY client_id_issued_at, client_id")
				.query(String.class).list().stream().map(repository::findById)
				.filter(client -> system.equals(systemOf(client))).map(client -> view(client, null)).toList();
	}

	ClientView get(String system, String clientId) {
		return view(find(system, clientId), null);
	}

	/**
	 * Changes a client. Its row is taken first and the client read from the database, not from a node's memory:
	 * two changes at once (a double click, two administrators, two nodes) apply one after the other, so neither
	 * undoes the other's fields and a second rotation keeps the first one's secret working.
	 */
	@Transactional
	ClientView update(String system, String clientId, ClientRequest request) {
		RegisteredClient client = find(system, clientId, id -> {
			jdbc.sql("SELECT id FROM oauth2_registered_client WHERE client_id = ? FOR UPDATE").param(id)
					.query(String.class).optional();
			return repository.findByClientIdInDatabase(id);
		});
		RegisteredClient.Builder builder = RegisteredClient.from(client);
		if (request.type() != null && !request.type().equals(typeOf(client))) {
			throw new Rejected(HttpStatus.BAD_REQUEST, "type",
					"A client's type cannot change. Register a new client instead.");
		}
		if (request.name() != null) {
			builder.clientName(name(request.name(), system));
		}
		if (request.redirectUris() != null) {
			List<String> redirects = uris("redirectUris", request.redirectUris(), true);
			builder.redirectUris(set -> {
				set.clear();
				set.addAll(redirects);
			});
		}
		if (request.postLogoutRedirectUris() != null) {
			List<String> redirects = uris("postLogoutRedirectUris", request.postLogoutRedirectUris(), false);
			builder.postLogoutRedirectUris(set -> {
				set.clear();
				set.addAll(redirects);
			});
		}
		if (request.scopes() != null) {
			List<String> scopes = scopes(request.scopes());
			builder.scopes(set -> {
				set.clear();
				set.addAll(scopes);
			});
		}
		String subject = request.subject() == null ? subjectOf(client)
				: choose("subject", request.subject(), "pairwise", "pairwise", "public");
		String backchannel = request.backchannelLogoutUri() == null ? backchannelOf(client)
				: request.backchannelLogoutUri().isBlank() ? null : uri("backchannelLogoutUri", request.backchannelLogoutUri());
		builder.clientSettings(settings(typeOf(client), system, subject, backchannel));
		if (request.idTokenAlgorithm() != null) {
			builder.tokenSettings(tokenSettings(choose("idTokenAlgorithm", request.idTokenAlgorithm(),
					properties.keyAlgorithm().name(), "ES256", "RS256")));
		}
		String secret = secret(client, request, builder);
		RegisteredClient changed = builder.build();
		repository.save(changed);
		if (secret != null) {
			events.publishEvent(new SsoClientChanged(clientId, system, "secret-rotated"));
		}
		if (Boolean.TRUE.equals(request.endPreviousSecrets())) {
			events.publishEvent(new SsoClientChanged(clientId, system, "previous-secrets-ended"));
		}
		if (!sameButSecret(changed, client)) {
			events.publishEvent(new SsoClientChanged(clientId, system, "updated"));
		}
		return view(changed, secret);
	}

	/** Rotates or ends the client's secrets as asked; the new secret, if one was made. */
	private String secret(RegisteredClient client, ClientRequest request, RegisteredClient.Builder builder) {
		boolean rotate = Boolean.TRUE.equals(request.rotateSecret());
		boolean endPrevious = Boolean.TRUE.equals(request.endPreviousSecrets());
		if ((rotate || endPrevious) && client.getClientSecret() == null) {
			throw new Rejected(HttpStatus.BAD_REQUEST, rotate ? "rotateSecret" : "endPreviousSecrets",
					"A public client has no secret.");
		}
		String stored = endPrevious ? ClientSecrets.withoutPrevious(client.getClientSecret()) : client.getClientSecret();
		if (!rotate) {
			builder.clientSecret(stored);
			return null;
		}
		String secret = Tokens.random(32);
		Instant now = clock.instant();
		String rotated = endPrevious ? ClientSecrets.only(secret)
				: ClientSecrets.rotated(secret, stored, now, now.plus(SECRET_OVERLAP));
		if (rotated == null) {
			throw new Rejected(HttpStatus.CONFLICT, "rotateSecret", "This client's secret was made new "
					+ ClientSecrets.MAX_PREVIOUS + " times within " + SECRET_OVERLAP.toHours()
					+ " hours and each earlier secret still works (the last until "
					+ ClientSecrets.previousUntil(stored, now) + "). Make a new one once they have ended, or end the "
					+ "earlier secrets first (endPreviousSecrets): they stop working at once.");
		}
		builder.clientSecret(rotated);
		return secret;
	}

	@Transactional
	void delete(String system, String clientId) {
		RegisteredClient client = find(system, clientId);
		recent.forget();
		jdbc.sql("DELETE FROM sso_spent_refresh_tokens WHERE registered_client_id = ?").param(client.getId()).update();
		jdbc.sql("DELETE FROM oauth2_authorization WHERE registered_client_id = ?").param(client.getId()).update();
		jdbc.sql("DELETE FROM oauth2_authorization_consent WHERE registered_client_id = ?").param(client.getId()).update();
		int deleted = jdbc.sql("DELETE FROM oauth2_registered_client WHERE id = ?").param(client.getId()).update();
		repository.forget(client.getId(), client.getClientId());
		if (deleted > 0) { // a repeated deletion (a double click) succeeds too, and is recorded once
			events.publishEvent(new SsoClientChanged(clientId, system, "deleted"));
		}
	}

	/** Whether a change left everything as it was but the secrets. */
	private static boolean sameButSecret(RegisteredClient changed, RegisteredClient before) {
		return RegisteredClient.from(changed).clientSecret(before.getClientSecret()).build().equals(before);
	}

	private RegisteredClient find(String system, String clientId) {
		return find(system, clientId, repository::findByClientId);
	}

	private RegisteredClient find(String system, String clientId, Function<String, RegisteredClient> read) {
		requireSystem(system);
		RegisteredClient client = clientId == null || clientId.length() > 100 ? null : read.apply(clientId);
		if (client == null || !system.equals(systemOf(client))) {
			throw new Rejected(HttpStatus.NOT_FOUND, "There is no such client of this system.");
		}
		return client;
	}

	private void requireSystem(String system) {
		if (system == null || !access.systems().containsKey(system)) {
			throw new Rejected(HttpStatus.NOT_FOUND, "There is no such system. Known systems: "
					+ String.join(", ", access.systems().keySet()) + ".");
		}
	}

	private TokenSettings tokenSettings(String idTokenAlgorithm) {
		return TokenSettings.builder().accessTokenTimeToLive(properties.accessTokenLifetime())
				.authorizationCodeTimeToLive(properties.authorizationCodeLifetime())
				.refreshTokenTimeToLive(properties.refreshTokenLifetime()).reuseRefreshTokens(false)
				.idTokenSignatureAlgorithm(SignatureAlgorithm.from(idTokenAlgorithm)).build();
	}

	private static ClientSettings settings(String type, String system, String subject, String backchannel) {
		ClientSettings.Builder settings = ClientSettings.builder().requireProofKey(type.equals("public"))
				.requireAuthorizationConsent(false).setting(SYSTEM, system).setting(SUBJECT, subject);
		if (backchannel != null) {
			settings.setting(BACKCHANNEL_LOGOUT_URI, backchannel);
		}
		return settings.build();
	}

	static String systemOf(RegisteredClient client) {
		return client.getClientSettings().getSetting(SYSTEM);
	}

	static boolean pairwise(RegisteredClient client) {
		return !"public".equals(client.getClientSettings().getSetting(SUBJECT));
	}

	static String backchannelOf(RegisteredClient client) {
		return client.getClientSettings().getSetting(BACKCHANNEL_LOGOUT_URI);
	}

	private static String subjectOf(RegisteredClient client) {
		return pairwise(client) ? "pairwise" : "public";
	}

	private static String typeOf(RegisteredClient client) {
		return client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE) ? "public"
				: "confidential";
	}

	private ClientView view(RegisteredClient client, String secret) {
		return new ClientView(client.getClientId(), systemOf(client), client.getClientName(), typeOf(client),
				List.copyOf(client.getRedirectUris()), List.copyOf(client.getPostLogoutRedirectUris()),
				backchannelOf(client), subjectOf(client), client.getScopes().stream().sorted().toList(),
				client.getTokenSettings().getIdTokenSignatureAlgorithm().getName(), client.getClientIdIssuedAt(),
				ClientSecrets.previousUntil(client.getClientSecret(), clock.instant()), secret);
	}

	private static String name(String name, String system) {
		if (name == null || name.isBlank()) {
			return system;
		}
		if (name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
			throw new Rejected(HttpStatus.BAD_REQUEST, "name", "Use at most 200 characters, without control characters.");
		}
		return name.strip();
	}

	private static String choose(String field, String value, String fallback, String... allowed) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		for (String option : allowed) {
			if (option.equals(value)) {
				return option;
			}
		}
		throw new Rejected(HttpStatus.BAD_REQUEST, field, "Use one of: " + String.join(", ", allowed) + ".");
	}

	private static List<String> scopes(List<String> requested) {
		if (requested == null || requested.isEmpty()) {
			return List.copyOf(new java.util.TreeSet<>(SCOPES));
		}
		Set<String> scopes = new LinkedHashSet<>();
		for (String scope : requested) {
			if (!SCOPES.contains(scope)) {
				throw new Rejected(HttpStatus.BAD_REQUEST, "scopes", "Use only these scopes: "
						+ String.join(", ", new java.util.TreeSet<>(SCOPES)) + ".");
			}
			scopes.add(scope);
		}
		scopes.add(OidcScopes.OPENID);
		return List.copyOf(scopes);
	}

	private static List<String> uris(String field, List<String> values, boolean required) {
		if (values == null || values.isEmpty()) {
			if (required) {
				throw new Rejected(HttpStatus.BAD_REQUEST, field, "Enter at least one redirect URI.");
			}
			return List.of();
		}
		if (values.size() > MAX_URIS) {
			throw new Rejected(HttpStatus.BAD_REQUEST, field, "Use at most " + MAX_URIS + " URIs.");
		}
		List<String> checked = new ArrayList<>();
		for (String value : values) {
			checked.add(uri(field, value));
		}
		return List.copyOf(new LinkedHashSet<>(checked));
	}

	/**
	 * An exact, absolute URI: https, or http only on the loopback interface (a developer's machine); no fragment, no
	 * user info, no wildcard.
	 */
	static String uri(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		URI uri;
		try {
			uri = new URI(value);
		}
		catch (java.net.URISyntaxException ex) {
			throw new Rejected(HttpStatus.BAD_REQUEST, field, "This is not a valid URI.");
		}
		String host = uri.getHost();
		boolean loopback = "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
		if (value.length() > 400 || !uri.isAbsolute() || host == null || uri.getFragment() != null
				|| uri.getUserInfo() != null || value.contains("*")
				|| !("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && loopback))) {
			throw new Rejected(HttpStatus.BAD_REQUEST, field, "Use an exact https URI (http only for localhost), "
					+ "without a fragment or wildcard, of at most 400 characters.");
		}
		return value;
	}
}
