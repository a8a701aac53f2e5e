package eu.pledge.sso;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.function.SingletonSupplier;

import eu.pledge.access.Access;
import eu.pledge.shared.AccountId;

/**
 * Ends authorizations and tells their systems (OpenID Connect Back-Channel Logout 1.0). An authorization ends when
 * the Pledge session it came from is gone (signed out, ended from the session list or by Secure Patrol, timed out,
 * a password change), when the person no longer has access to its system (a contract ended or was suspended, the
 * membership or the organisation ended, the person restricted their data), when the person signs out of the system
 * from their apps page, and with the account's erasure. Its tokens stop working at once; a system with a
 * back-channel logout URI gets a logout token, delivered from the database by any node and retried with growing
 * pauses until delivered or a day has passed, so a restart loses nothing. Two nodes ending the same authorization
 * at once queue one delivery: only the one whose DELETE removed the row does.
 */
@Component
class Logouts {

	static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
	static final Duration GIVE_UP_AFTER = Duration.ofHours(24);
	private static final Duration LEASE = Duration.ofSeconds(30);
	private static final int BATCH = 50;
	private static final Logger log = LoggerFactory.getLogger(Logouts.class);

	/** Why an authorization ended, as the audit trail names it. */
	enum Reason {
		SESSION_ENDED, ACCESS_ENDED, SIGNED_OUT_OF_SYSTEM, ERASED
	}

	private final JdbcClient jdbc;
	private final CachedClients clients;
	private final Claims claims;
	private final Access access;
	private final SigningKeys keys;
	private final AuthorizationServerSettings settings;
	private final TransactionTemplate transactions;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final RecentAnswers recent;
	// Made at the first use: a JDK HttpClient starts its selector thread and loads the default TLS context (the
	// trust store) when built, ~150 ms of every start-up otherwise (docs/PERFORMANCE.md).
	private final SingletonSupplier<HttpClient> http = SingletonSupplier.of(() -> HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build());

	Logouts(JdbcClient jdbc, CachedClients clients, Claims claims, Access access, SigningKeys keys,
			AuthorizationServerSettings settings, TransactionTemplate transactions, ApplicationEventPublisher events,
			Clock clock, RecentAnswers recent) {
		this.recent = recent;
		this.jdbc = jdbc;
		this.clients = clients;
		this.claims = claims;
		this.access = access;
		this.keys = keys;
		this.settings = settings;
		this.transactions = transactions;
		this.events = events;
		this.clock = clock;
	}

	/** Authorizations whose Pledge session is gone end, and their systems are told. */
	@Scheduled(fixedDelayString = "${pledge.sso.logout-check-interval:2s}", initialDelayString = "${pledge.sso.logout-check-interval:2s}")
	void endedSessions() {
		List<String> orphaned = jdbc.sql("SELECT l.authorization_id FROM sso_session_links l WHERE NOT EXISTS "
				+ "(SELECT 1 FROM spring_session s WHERE s.primary_id = l.session_primary_id) FETCH FIRST 500 ROWS ONLY")
				.query(String.class).list();
		orphaned.forEach(id -> end(id, Reason.SESSION_ENDED));
	}

	/**
	 * Authorizations of people who no longer have access to their system end. Tokens already stop being accepted
	 * at once ({@link TokenStore} asks {@code Access} whenever a person's token is looked up); this tells the system.
	 */
	@Scheduled(fixedDelayString = "${pledge.sso.access-check-interval:15s}", initialDelayString = "${pledge.sso.access-check-interval:15s}")
	void lostAccess() {
		List<String[]> pairs = jdbc.sql("SELECT DISTINCT principal_name, registered_client_id FROM oauth2_authorization "
				+ "WHERE authorization_grant_type = 'authorization_code' OR authorization_grant_type = 'refresh_token'")
				.query((rs, row) -> new String[] { rs.getString(1), rs.getString(2) }).list();
		for (String[] pair : pairs) {
			RegisteredClient client = clients.findById(pair[1]);
			AccountId account = TokenStore.person(pair[0]);
			if (client == null || account == null || access.level(account, SsoClients.systemOf(client)).isEmpty()) {
				jdbc.sql("SELECT id FROM oauth2_authorization WHERE principal_name = ? AND registered_client_id = ?")
						.params(pair[0], pair[1]).query(String.class).list().forEach(id -> end(id, Reason.ACCESS_ENDED));
			}
		}
	}

	/**
	 * An administrator disabled the account: its authorizations end now and their systems are told (its tokens
	 * already fail, as {@code Access} grants a disabled account nothing). In the disabling transaction, like the
	 * sessions' end: the deliveries it queues commit with the decision or not at all.
	 */
	@org.springframework.context.event.EventListener
	void on(eu.pledge.accounts.AccountDisabled disabled) {
		jdbc.sql("SELECT id FROM oauth2_authorization WHERE principal_name = ?").param(disabled.accountId().toString())
				.query(String.class).list().forEach(id -> end(id, Reason.ACCESS_ENDED));
	}

	/** The person signed out of one system from their apps page: every client of it. */
	int signedOutOf(AccountId account, String system) {
		return (int) jdbc.sql("SELECT id, registered_client_id FROM oauth2_authorization WHERE principal_name = ?")
				.param(account.toString()).query((rs, row) -> new String[] { rs.getString(1), rs.getString(2) }).list()
				.stream().filter(row -> {
					RegisteredClient client = clients.findById(row[1]);
					return client != null && system.equals(SsoClients.systemOf(client));
				}).filter(row -> end(row[0], Reason.SIGNED_OUT_OF_SYSTEM)).count();
	}

	/**
	 * Erasure, inside its transaction: the systems are told (the delivery keeps only the subject the system
	 * already knows, for at most a day) and everything is deleted by {@link SsoData#erase}.
	 */
	void erasing(AccountId account) {
		recent.forget();
		jdbc.sql("SELECT id, registered_client_id FROM oauth2_authorization WHERE principal_name = ?")
				.param(account.toString()).query((rs, row) -> new String[] { rs.getString(1), rs.getString(2) }).list()
				.forEach(row -> queue(row[1], account, Reason.ERASED));
	}

	/** Ends one authorization; returns whether this call ended it (and queued its logout). */
	boolean end(String authorizationId, Reason reason) {
		return Boolean.TRUE.equals(transactions.execute(status -> {
			recent.forgetAuthorization(authorizationId);
			jdbc.sql("DELETE FROM sso_session_links WHERE authorization_id = ?").param(authorizationId).update();
			var row = jdbc.sql("SELECT principal_name, registered_client_id, authorization_grant_type FROM "
					+ "oauth2_authorization WHERE id = ?").param(authorizationId)
					.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3) }).optional();
			jdbc.sql("DELETE FROM sso_spent_refresh_tokens WHERE authorization_id = ?").param(authorizationId).update();
			if (row.isEmpty()
					|| jdbc.sql("DELETE FROM oauth2_authorization WHERE id = ?").param(authorizationId).update() == 0) {
				return false;
			}
			AccountId account = TokenStore.person(row.get()[0]);
			RegisteredClient client = clients.findById(row.get()[1]);
			if (account != null && client != null) {
				events.publishEvent(new SystemSignInEnded(account, SsoClients.systemOf(client), client.getClientId(),
						reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), clock.instant()));
				queue(row.get()[1], account, reason);
			}
			return true;
		}));
	}

	private void queue(String registeredClientId, AccountId account, Reason reason) {
		RegisteredClient client = clients.findById(registeredClientId);
		String uri = client == null ? null : SsoClients.backchannelOf(client);
		if (uri == null) {
			return;
		}
		// Truncated: a database rounding the nanoseconds up would put the first attempt after "now" for a moment.
		Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
		jdbc.sql("INSERT INTO sso_logout_deliveries (id, registered_client_id, client_id, uri, subject, reason, attempts, "
				+ "next_attempt_at, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)")
				.params(UUID.randomUUID().toString(), registeredClientId, client.getClientId(), uri,
						claims.subject(client, account), reason.name(), Timestamp.from(now), Timestamp.from(now),
						Timestamp.from(now.plus(GIVE_UP_AFTER)))
				.update();
	}

	/** Delivers the logout tokens that are due, on whichever node claims them first. */
	@Scheduled(fixedDelayString = "${pledge.sso.logout-delivery-interval:1s}", initialDelayString = "${pledge.sso.logout-delivery-interval:1s}")
	void deliver() {
		Instant now = clock.instant();
		List<Delivery> due = jdbc.sql("SELECT id, client_id, uri, subject, attempts, expires_at FROM sso_logout_deliveries "
				+ "WHERE next_attempt_at <= ? ORDER BY next_attempt_at FETCH FIRST " + BATCH + " ROWS ONLY")
				.param(Timestamp.from(now))
				.query((rs, row) -> new Delivery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getInt(5), rs.getTimestamp(6).toInstant()))
				.list();
		for (Delivery delivery : due) {
			// Claimed for a lease, so another node does not send the same token meanwhile.
			int claimed = jdbc.sql("UPDATE sso_logout_deliveries SET next_attempt_at = ?, attempts = attempts + 1 "
					+ "WHERE id = ? AND attempts = ?").params(Timestamp.from(now.plus(LEASE)), delivery.id(),
							delivery.attempts()).update();
			if (claimed == 1) {
				attempt(delivery, now);
			}
		}
	}

	private record Delivery(String id, String clientId, String uri, String subject, int attempts, Instant expiresAt) {
		@Override
		public String toString() {
			return "Delivery[" + id + "]";
		}
	}

	private void attempt(Delivery delivery, Instant now) {
		int status;
		try {
			HttpResponse<Void> response = http.obtain().send(HttpRequest.newBuilder(URI.create(delivery.uri()))
					.timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString("logout_token="
							+ java.net.URLEncoder.encode(token(delivery, now), StandardCharsets.UTF_8)))
					.build(), HttpResponse.BodyHandlers.discarding());
			status = response.statusCode();
		}
		catch (java.io.IOException | IllegalArgumentException ex) {
			status = -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		boolean delivered = status == 200 || status == 204;
		int attempts = delivery.attempts() + 1;
		if (delivered || !now.plus(backoff(attempts)).isBefore(delivery.expiresAt())) {
			int result = status;
			transactions.executeWithoutResult(tx -> {
				jdbc.sql("DELETE FROM sso_logout_deliveries WHERE id = ?").param(delivery.id()).update();
				events.publishEvent(new LogoutDelivered(delivery.clientId(), delivered, attempts, result, clock.instant()));
			});
			if (!delivered) {
				log.warn("Back-channel logout to client {} given up after {} attempts (last status {})",
						delivery.clientId(), attempts, result);
			}
			return;
		}
		jdbc.sql("UPDATE sso_logout_deliveries SET next_attempt_at = ? WHERE id = ?")
				.params(Timestamp.from(now.plus(backoff(attempts))), delivery.id()).update();
	}

	/** 5 s, 10 s, 20 s … doubling to at most an hour. */
	static Duration backoff(int attempts) {
		long seconds = 5L << Math.min(Math.max(attempts - 1, 0), 10);
		return Duration.ofSeconds(Math.min(seconds, 3600));
	}

	private String token(Delivery delivery, Instant now) {
		SigningKeys.Key key = keys.current(SsoProperties.KeyAlgorithm.RS256);
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.from(key.jwk().getAlgorithm().getName()))
				.keyId(key.kid()).type("logout+jwt").build();
		JwtClaimsSet claims = JwtClaimsSet.builder().issuer(settings.getIssuer()).audience(List.of(delivery.clientId()))
				.issuedAt(now).expiresAt(now.plus(Duration.ofMinutes(2))).id(UUID.randomUUID().toString())
				.subject(delivery.subject()).claim("events", Map.of(EVENT, Map.of())).build();
		return new NimbusJwtEncoder(keys).encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
	}
}
