package eu.pledge.sso;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpSession;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.Tokens;

/**
 * The authorization server's store of authorizations: its JDBC service, with two promises added.
 * <ul>
 * <li><b>No token at rest.</b> Every token value (code, access, refresh, ID token) is replaced by its SHA-256
 * digest before it is written, and a token presented later is looked up by its digest; the authorization read
 * back carries the presented token's own value again, so the library compares and invalidates it as usual. A copy
 * of the database signs nobody in.</li>
 * <li><b>A refresh token works once.</b> Exchanging one writes the rotated authorization with a conditional update
 * (only the request that still finds the presented token in the row wins, on any node); its digest is kept as
 * spent. A spent refresh token presented again,
 * or forty at once, is a reuse: the whole authorization (its access and refresh tokens) is revoked and
 * {@link RefreshTokenReused} is published for the audit trail and Secure Patrol.</li>
 * <li><b>An authorization code works once.</b> Its exchange writes the tokens with a conditional update too (only
 * where the row holds no access token yet); of forty exchanges at once, on any nodes, one wins, and the others revoke
 * its tokens as the library does for a code presented a second time (RFC 6749, 4.1.2). Each presentation of a used
 * code, at once or afterwards, publishes {@link AuthorizationCodeReused} for the audit trail and Secure Patrol.</li>
 * </ul>
 */
class TokenStore implements OAuth2AuthorizationService {

	/** Marks, on an authorization found by its refresh token, the digest of the token being exchanged. */
	private static final String SPENDING = "pledge.spendingRefreshToken";
	private static final String DIGEST_PREFIX = "sha256:";

	private final Authorizations jdbcService;
	private final JdbcClient jdbc;
	private final TransactionTemplate transactions;
	private final TransactionTemplate oneConnection;
	private final ApplicationEventPublisher events;
	private final SsoProperties properties;
	private final Clock clock;
	private final RegisteredClientRepository clients;
	private final RecentAnswers recent;

	TokenStore(JdbcOperations operations, JdbcClient jdbc, RegisteredClientRepository clients,
			TransactionTemplate transactions, ApplicationEventPublisher events, SsoProperties properties, Clock clock,
			RecentAnswers recent) {
		this.jdbcService = new Authorizations(operations, clients);
		this.clients = clients;
		this.recent = recent;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.oneConnection = new TransactionTemplate(transactions.getTransactionManager());
		this.oneConnection.setPropagationBehavior(TransactionDefinition.PROPAGATION_SUPPORTS);
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * A read of authorizations on one connection: the library's row mapper looks up the authorization's client while
	 * its result set is open, and outside a transaction that lookup took a second connection. Twenty requests at once
	 * on a node that did not yet know the client each held one connection and waited for another, until the pool's
	 * timeout answered 503 (SUPPORTS: the scope shares one connection, without beginning a transaction).
	 */
	private <T> T onOneConnection(java.util.function.Supplier<T> read) {
		return oneConnection.execute(status -> read.get());
	}

	/** How many authorization rows this node has parsed (the rest it knew): for the tests. */
	long rowsParsed() {
		return jdbcService.rowsParsed.get();
	}

	static String digest(String token) {
		return token.startsWith(DIGEST_PREFIX) ? token : DIGEST_PREFIX + Tokens.sha256(token);
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		String spending = authorization.getAttribute(SPENDING);
		OAuth2Authorization stored = digested(capped(authorization));
		OAuth2Authorization.Token<OAuth2RefreshToken> next = stored.getRefreshToken();
		List<SystemSignIn> facts = facts(authorization, spending != null);
		if (spending == null && exchangesCode(authorization)) {
			// One statement writes the code's tokens only where the row holds none yet: of forty requests that present
			// the same code at once, on any nodes, one wins. The others are a used code, as one presented afterwards
			// is (the library then invalidates the tokens it gave, RFC 6749 4.1.2): so are the winner's here.
			Boolean claimed = transactions.execute(status -> {
				recent.forgetAuthorization(stored.getId());
				boolean won = jdbcService.updateWhereNoAccessToken(stored) > 0;
				if (won) {
					facts.forEach(events::publishEvent);
				}
				return won;
			});
			if (!Boolean.TRUE.equals(claimed)) {
				invalidateTokens(stored.getId());
				codeReused(stored);
				throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
			}
			return;
		}
		if (spending == null || next == null || next.getToken().getTokenValue().equals(spending)) {
			// A new code without tokens yet is a new authorization, made in the browser's session: link the two.
			boolean granted = facts.stream().anyMatch(fact -> "authorization-granted".equals(fact.step()));
			boolean codeReused = spending == null && revokesForUsedCode(authorization);
			transactions.executeWithoutResult(status -> {
				recent.forgetAuthorization(stored.getId()); // a token issued or revoked: the next lookup reads it
				jdbcService.save(stored);
				if (granted) {
					linkToSession(stored);
				}
				facts.forEach(events::publishEvent);
			});
			if (codeReused) {
				codeReused(stored);
			}
			return;
		}
		// One statement writes the rotated authorization only where the row still holds the presented token: of the
		// forty requests that present the same refresh token at once, one wins and the others find it changed. The
		// spent digest is written in the same transaction, so a later reuse is recognised as one.
		Integer claimed = transactions.execute(status -> {
			recent.forgetAuthorization(stored.getId());
			int updated = jdbcService.updateWhereRefreshTokenIs(stored, spending);
			if (updated > 0) {
				Instant now = clock.instant();
				jdbc.sql("INSERT INTO sso_spent_refresh_tokens (token_digest, authorization_id, principal_name, "
						+ "registered_client_id, spent_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")
						.params(spending, stored.getId(), stored.getPrincipalName(), stored.getRegisteredClientId(),
								Timestamp.from(now), Timestamp.from(now.plus(properties.refreshTokenLifetime())))
						.update();
				facts.forEach(events::publishEvent);
			}
			return updated;
		});
		if (claimed == null || claimed == 0) {
			revokeFamily(stored.getId(), stored.getPrincipalName(), stored.getRegisteredClientId());
			throw reused();
		}
	}

	/**
	 * Whether this save is the library's answer to a used code presented again (RFC 6749 4.1.2): the presented code
	 * (its value, not its digest) was spent before, and the tokens it gave are being invalidated. Nothing else saves
	 * an authorization found by a spent code.
	 */
	private static boolean revokesForUsedCode(OAuth2Authorization authorization) {
		OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization.getToken(OAuth2AuthorizationCode.class);
		OAuth2Authorization.Token<OAuth2AccessToken> access = authorization.getAccessToken();
		return code != null && code.isInvalidated() && !code.getToken().getTokenValue().startsWith(DIGEST_PREFIX)
				&& access != null && access.getToken().getTokenValue().startsWith(DIGEST_PREFIX) && access.isInvalidated();
	}

	/** Whether this save gives an authorization code its tokens: the code just spent, its access token new. */
	private static boolean exchangesCode(OAuth2Authorization authorization) {
		OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization.getToken(OAuth2AuthorizationCode.class);
		OAuth2Authorization.Token<OAuth2AccessToken> access = authorization.getAccessToken();
		return code != null && code.isInvalidated() && access != null
				&& !access.getToken().getTokenValue().startsWith(DIGEST_PREFIX);
	}

	/**
	 * The tokens an authorization code gave, invalidated as the library does when the code is presented again: the
	 * refresh token (and with it the access token and the code), or the access token where there is no refresh token.
	 */
	private void invalidateTokens(String authorizationId) {
		recent.forgetAuthorization(authorizationId);
		OAuth2Authorization current = findById(authorizationId);
		if (current == null) {
			return;
		}
		OAuth2Authorization.Token<? extends OAuth2Token> token = current.getRefreshToken() != null
				? current.getRefreshToken() : current.getAccessToken();
		if (token != null && !token.isInvalidated()) {
			transactions.executeWithoutResult(status -> {
				recent.forgetAuthorization(authorizationId);
				jdbcService.save(OAuth2Authorization.from(current).invalidate(token.getToken()).build());
			});
		}
	}

	/** A used authorization code presented again: the library or {@link #save} refuses it; reported here. */
	private void codeReused(OAuth2Authorization authorization) {
		String client = clientId(authorization.getRegisteredClientId());
		transactions.executeWithoutResult(status -> events.publishEvent(new AuthorizationCodeReused(
				authorization.getPrincipalName(), client, clock.instant())));
	}

	/** The client id a system knows its client by, or the internal id of a client deleted since. */
	private String clientId(String registeredClientId) {
		RegisteredClient client = clients.findById(registeredClientId);
		return client == null ? registeredClientId : client.getClientId();
	}

	/**
	 * What a save means for the audit trail: a new authorization with its code (granted), new tokens for it
	 * (issued), or new tokens for a refresh token (refreshed). Tokens not yet stored are the ones not yet digests.
	 */
	private List<SystemSignIn> facts(OAuth2Authorization authorization, boolean refresh) {
		OAuth2Authorization.Token<OAuth2AccessToken> accessToken = authorization.getAccessToken();
		OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization.getToken(OAuth2AuthorizationCode.class);
		String step = accessToken != null && !accessToken.getToken().getTokenValue().startsWith(DIGEST_PREFIX)
				? (refresh ? "token-refreshed" : "token-issued")
				: accessToken == null && code != null && !code.getToken().getTokenValue().startsWith(DIGEST_PREFIX)
						? "authorization-granted" : null;
		if (step == null) {
			return List.of();
		}
		RegisteredClient client = clients.findById(authorization.getRegisteredClientId());
		if (client == null) {
			return List.of();
		}
		return List.of(new SystemSignIn(person(authorization.getPrincipalName()), SsoClients.systemOf(client),
				client.getClientId(), step, clock.instant()));
	}

	/**
	 * The Pledge session a new authorization was made in (the browser's request at the authorization endpoint), by
	 * Spring Session's internal id, so the authorization ends with it ({@link Logouts}).
	 */
	private void linkToSession(OAuth2Authorization authorization) {
		if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
			return;
		}
		HttpSession session = attributes.getRequest().getSession(false);
		if (session == null) {
			return;
		}
		jdbc.sql("SELECT primary_id FROM spring_session WHERE session_id = ?").param(session.getId())
				.query(String.class).optional()
				.ifPresent(primary -> jdbc.sql("INSERT INTO sso_session_links (authorization_id, session_primary_id, "
						+ "principal_name, created_at) VALUES (?, ?, ?, ?)")
						.params(authorization.getId(), primary, authorization.getPrincipalName(),
								Timestamp.from(clock.instant()))
						.update());
	}

	/** The account an authorization is for, or null for a system's own (client credentials). */
	static AccountId person(String principalName) {
		try {
			return AccountId.of(principalName);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static OAuth2AuthenticationException reused() {
		return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
				"This refresh token was already used.", null));
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		recent.forgetAuthorization(authorization.getId());
		jdbcService.remove(authorization);
		jdbc.sql("DELETE FROM sso_spent_refresh_tokens WHERE authorization_id = ?").param(authorization.getId())
				.update();
	}

	/**
	 * Takes the authorization's row until the surrounding transaction ends (a revocation's turn: {@link Revocations});
	 * false when it is gone.
	 */
	boolean hold(String authorizationId) {
		return !jdbc.sql("SELECT id FROM oauth2_authorization WHERE id = ? FOR UPDATE").param(authorizationId)
				.query(String.class).list().isEmpty();
	}

	@Override
	public OAuth2Authorization findById(String id) {
		return onOneConnection(() -> jdbcService.findById(id));
	}

	@Override
	public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
		if (token == null || token.isEmpty() || token.startsWith(DIGEST_PREFIX)) {
			return null;
		}
		String digest = digest(token);
		if (OAuth2TokenType.REFRESH_TOKEN.equals(tokenType) || tokenType == null) {
			OAuth2Authorization found = onOneConnection(() -> jdbcService.findByToken(digest, tokenType));
			if (found == null) {
				reusedIfSpent(digest);
				return null;
			}
			return stillAllowed(found) ? presented(found, token, digest) : null;
		}
		// An access token (userinfo, introspection): what this node found for it within recheck-after will do.
		OAuth2Authorization found = recent.token(tokenType == null ? digest : tokenType.getValue() + " " + digest,
				() -> onOneConnection(() -> jdbcService.findByToken(digest, tokenType)));
		return found == null || !stillAllowed(found) ? null : presented(found, token, digest);
	}

	/**
	 * What the introspection endpoint reads: this store, except that a token of no named type (the library never
	 * passes the endpoint's {@code token_type_hint} on) is first looked up as an access token, through what this
	 * node checked within {@code pledge.sso.recheck-after} as userinfo does: a system asks about the access token
	 * it was shown on many of its requests. Anything else (a refresh token, an ID token) is looked up as before. The
	 * view only reads; the kept answer is never written back.
	 */
	OAuth2AuthorizationService introspection() {
		return new OAuth2AuthorizationService() {

			@Override
			public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
				OAuth2Authorization access = tokenType == null ? TokenStore.this.findByToken(token,
						OAuth2TokenType.ACCESS_TOKEN) : null;
				return access != null ? access : TokenStore.this.findByToken(token, tokenType);
			}

			@Override
			public OAuth2Authorization findById(String id) {
				return TokenStore.this.findById(id);
			}

			@Override
			public void save(OAuth2Authorization authorization) {
				throw new UnsupportedOperationException("introspection does not change authorizations");
			}

			@Override
			public void remove(OAuth2Authorization authorization) {
				throw new UnsupportedOperationException("introspection does not change authorizations");
			}
		};
	}

	/**
	 * A person's tokens work only while the person has access to the client's system: a contract that ended, a
	 * membership removed or a restriction stops them at once on every node (userinfo, introspection), before
	 * {@link Logouts} deletes the authorization and tells the system. The decision is made once per request.
	 */
	private boolean stillAllowed(OAuth2Authorization authorization) {
		AccountId account = person(authorization.getPrincipalName());
		if (account == null || AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())) {
			return true;
		}
		RegisteredClient client = clients.findById(authorization.getRegisteredClientId());
		return client != null && recent.level(account, SsoClients.systemOf(client)).isPresent();
	}

	/** A spent refresh token presented again: its family ends. */
	private void reusedIfSpent(String digest) {
		var spent = jdbc.sql("SELECT authorization_id, principal_name, registered_client_id FROM "
				+ "sso_spent_refresh_tokens WHERE token_digest = ?").param(digest)
				.query((rs, row) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3) }).optional();
		spent.ifPresent(row -> revokeFamily(row[0], row[1], row[2]));
	}

	/**
	 * Ends an authorization with all its tokens. Plain statements, no transaction around them: a family revoked by
	 * thirty-nine duplicates at once must not hold locks the one that won the claim is waiting for. Reported once,
	 * by the request whose statement removed it.
	 */
	private void revokeFamily(String authorizationId, String principal, String registeredClientId) {
		recent.forgetAuthorization(authorizationId);
		int removed = jdbc.sql("DELETE FROM oauth2_authorization WHERE id = ?").param(authorizationId).update();
		jdbc.sql("DELETE FROM sso_spent_refresh_tokens WHERE authorization_id = ?").param(authorizationId).update();
		if (removed > 0) {
			String client = clientId(registeredClientId);
			transactions.executeWithoutResult(status -> events.publishEvent(new RefreshTokenReused(principal, client,
					clock.instant())));
		}
	}

	/** The authorization with the presented token's value in place of its digest. */
	private static OAuth2Authorization presented(OAuth2Authorization found, String token, String digest) {
		OAuth2Authorization.Builder builder = OAuth2Authorization.from(found);
		boolean refresh = false;
		for (Class<? extends OAuth2Token> type : TOKEN_TYPES) {
			OAuth2Authorization.Token<? extends OAuth2Token> held = found.getToken(type);
			if (held != null && held.getToken().getTokenValue().equals(digest)) {
				builder.token(withValue(held.getToken(), token), metadata -> {
				});
				refresh = type == OAuth2RefreshToken.class;
			}
		}
		if (refresh) {
			builder.attribute(SPENDING, digest);
		}
		return builder.build();
	}

	/**
	 * Every refresh gives a new refresh token, but the family ends {@code pledge.sso.refresh-token-lifetime} after the
	 * person's sign-in to the system (the authorization code's issue), never later: refreshing cannot outlive it.
	 */
	private OAuth2Authorization capped(OAuth2Authorization authorization) {
		OAuth2Authorization.Token<OAuth2RefreshToken> refresh = authorization.getRefreshToken();
		OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization.getToken(OAuth2AuthorizationCode.class);
		if (refresh == null || code == null || code.getToken().getIssuedAt() == null
				|| refresh.getToken().getExpiresAt() == null) {
			return authorization;
		}
		Instant end = code.getToken().getIssuedAt().plus(properties.refreshTokenLifetime());
		if (!refresh.getToken().getExpiresAt().isAfter(end)) {
			return authorization;
		}
		return OAuth2Authorization.from(authorization).token(new OAuth2RefreshToken(refresh.getToken().getTokenValue(),
				refresh.getToken().getIssuedAt(), end), metadata -> {
				}).build();
	}

	/** The authorization as it is written: digests in place of token values, no marker. */
	private static OAuth2Authorization digested(OAuth2Authorization authorization) {
		OAuth2Authorization.Builder builder = OAuth2Authorization.from(authorization);
		for (Class<? extends OAuth2Token> type : TOKEN_TYPES) {
			OAuth2Authorization.Token<? extends OAuth2Token> held = authorization.getToken(type);
			if (held != null && !held.getToken().getTokenValue().startsWith(DIGEST_PREFIX)) {
				builder.token(withValue(held.getToken(), digest(held.getToken().getTokenValue())), metadata -> {
				});
			}
		}
		builder.attributes(attributes -> attributes.remove(SPENDING));
		return builder.build();
	}

	private static final java.util.List<Class<? extends OAuth2Token>> TOKEN_TYPES = java.util.List.of(
			OAuth2AuthorizationCode.class, OAuth2AccessToken.class, OAuth2RefreshToken.class, OidcIdToken.class);

	private static OAuth2Token withValue(OAuth2Token token, String value) {
		if (token instanceof OAuth2AuthorizationCode) {
			return new OAuth2AuthorizationCode(value, token.getIssuedAt(), token.getExpiresAt());
		}
		if (token instanceof OAuth2AccessToken access) {
			return new OAuth2AccessToken(access.getTokenType(), value, access.getIssuedAt(), access.getExpiresAt(),
					access.getScopes());
		}
		if (token instanceof OAuth2RefreshToken) {
			return new OAuth2RefreshToken(value, token.getIssuedAt(), token.getExpiresAt());
		}
		if (token instanceof OidcIdToken id) {
			return new OidcIdToken(value, id.getIssuedAt(), id.getExpiresAt(), new java.util.LinkedHashMap<>(id.getClaims()));
		}
		throw new IllegalArgumentException("Unexpected token type " + token.getClass().getSimpleName());
	}

	/**
	 * The library's JDBC service, with two savings.
	 * <ul>
	 * <li><b>The rotation's write.</b> The library's own {@code save} first reads the whole authorization back (its
	 * JSON parsed again) only to choose between INSERT and UPDATE; a refresh knows it is an UPDATE, and makes it
	 * conditional on the presented token instead. The statement is the library's UPDATE with one more condition, its
	 * parameters from the library's own mapper.</li>
	 * <li><b>A row is parsed once.</b> Reading an authorization means parsing its JSON columns (the authorization
	 * request and the principal, each token's metadata): the largest part of a refresh after signing. A row whose
	 * every column is what this node last parsed or wrote is the same authorization, so the library's row mapper
	 * runs only for content this node has not seen: after a rotation, the next refresh of the chain finds the row it
	 * wrote. Kept in memory, keyed by the SHA-256 of the row's columns, at most {@value #PARSED_ENTRIES} rows (the
	 * least recently used leave first); they hold pseudonymous account ids and token digests, no token.</li>
	 * </ul>
	 */
	private static final class Authorizations extends JdbcOAuth2AuthorizationService {

		static final int PARSED_ENTRIES = 2_000;

		/** The table's columns in the order of the library's parameters (its INSERT). */
		private static final List<String> COLUMNS = List.of("id", "registered_client_id", "principal_name",
				"authorization_grant_type", "authorized_scopes", "attributes", "state", "authorization_code_value",
				"authorization_code_issued_at", "authorization_code_expires_at", "authorization_code_metadata",
				"access_token_value", "access_token_issued_at", "access_token_expires_at", "access_token_metadata",
				"access_token_type", "access_token_scopes", "oidc_id_token_value", "oidc_id_token_issued_at",
				"oidc_id_token_expires_at", "oidc_id_token_metadata", "refresh_token_value", "refresh_token_issued_at",
				"refresh_token_expires_at", "refresh_token_metadata", "user_code_value", "user_code_issued_at",
				"user_code_expires_at", "user_code_metadata", "device_code_value", "device_code_issued_at",
				"device_code_expires_at", "device_code_metadata");

		private static final String UPDATE = "UPDATE oauth2_authorization SET "
				+ String.join(" = ?, ", COLUMNS.subList(1, COLUMNS.size())) + " = ? WHERE id = ?";
		private static final String UPDATE_WHERE_REFRESH_TOKEN = UPDATE + " AND refresh_token_value = ?";
		private static final String UPDATE_WHERE_NO_ACCESS_TOKEN = UPDATE + " AND access_token_value IS NULL";

		private final Map<String, OAuth2Authorization> parsed = java.util.Collections.synchronizedMap(
				new java.util.LinkedHashMap<>(64, 0.75f, true) {
					@Override
					protected boolean removeEldestEntry(Map.Entry<String, OAuth2Authorization> eldest) {
						return size() > PARSED_ENTRIES;
					}
				});

		private final java.util.concurrent.atomic.AtomicLong rowsParsed = new java.util.concurrent.atomic.AtomicLong();

		Authorizations(JdbcOperations operations, RegisteredClientRepository clients) {
			super(operations, clients);
			RowMapper<OAuth2Authorization> library = getAuthorizationRowMapper();
			setAuthorizationRowMapper((rs, row) -> {
				List<Object> values = new ArrayList<>(COLUMNS.size());
				for (String column : COLUMNS) {
					values.add(column.endsWith("_at") ? rs.getTimestamp(column) : rs.getString(column));
				}
				String key = key(values);
				OAuth2Authorization known = parsed.get(key);
				if (known != null) {
					return known;
				}
				OAuth2Authorization fresh;
				try {
					fresh = library.mapRow(rs, row);
				}
				catch (org.springframework.dao.DataRetrievalFailureException clientGone) {
					// The library throws for an authorization whose client is no longer registered: one another node
					// issued in the seconds it still knew a client deleted here (CachedClients). Not found: its tokens
					// are refused like any unknown token, and its row goes with the expired ones.
					return null;
				}
				rowsParsed.incrementAndGet();
				if (fresh != null) {
					parsed.put(key, fresh);
				}
				return fresh;
			});
		}

		/**
		 * A row's content as one digest: strings as they are, times to the microsecond the databases keep (a time
		 * written with nanoseconds reads back rounded; the same rounding here keeps the digests equal).
		 */
		private static String key(List<Object> values) {
			StringBuilder content = new StringBuilder(4096);
			for (Object value : values) {
				if (value == null) {
					content.append('\u0000');
				}
				else if (value instanceof Timestamp time) {
					Instant at = time.toInstant();
					long micros = Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L),
							(at.getNano() + 500) / 1000);
					content.append(micros);
				}
				else {
					content.append(value);
				}
				content.append('\u0001');
			}
			return Tokens.sha256(content.toString());
		}

		/** Writes the authorization if its row still holds the refresh token {@code presented}; the rows written. */
		int updateWhereRefreshTokenIs(OAuth2Authorization authorization, String presented) {
			return updateWhere(UPDATE_WHERE_REFRESH_TOKEN, authorization, new SqlParameterValue(Types.VARCHAR, presented));
		}

		/** Writes the authorization if its row holds no access token yet (its code not yet exchanged); the rows written. */
		int updateWhereNoAccessToken(OAuth2Authorization authorization) {
			return updateWhere(UPDATE_WHERE_NO_ACCESS_TOKEN, authorization);
		}

		private int updateWhere(String statement, OAuth2Authorization authorization, SqlParameterValue... conditions) {
			List<SqlParameterValue> parameters = new ArrayList<>(getAuthorizationParametersMapper().apply(authorization));
			if (parameters.stream().anyMatch(parameter -> parameter.getSqlType() == Types.BLOB
					|| parameter.getSqlType() == Types.CLOB)) {
				// Pledge's columns are TEXT (PostgreSQL) and VARCHAR (H2); large objects would need the library's LOB
				// handling, which this statement does not repeat.
				throw new IllegalStateException("oauth2_authorization holds large-object columns");
			}
			// What the next read of this row will find, unless it changes again meanwhile: no need to parse it then.
			// Kept before the commit: a row that never took this content never matches its digest.
			parsed.put(key(parameters.stream().map(SqlParameterValue::getValue).toList()), authorization);
			parameters.add(parameters.remove(0)); // the id goes to the WHERE clause, as in the library's UPDATE
			parameters.addAll(List.of(conditions));
			return getJdbcOperations().update(statement, new ArgumentPreparedStatementSetter(parameters.toArray()));
		}
	}

}
