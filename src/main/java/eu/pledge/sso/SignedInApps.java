package eu.pledge.sso;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import eu.pledge.access.Access;
import eu.pledge.access.AccessProperties;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Rejected;

/**
 * The systems a person is signed in to through Pledge, read from their authorizations (one row per client that
 * holds tokens), and signing out of one: every authorization of every client of that system is deleted, so its
 * access and refresh tokens stop at once, on every node.
 */
@Service
class SignedInApps {

	private static final String AUTHORIZATIONS = """
			SELECT id, registered_client_id, authorized_scopes, authorization_code_issued_at, access_token_issued_at,
			       access_token_expires_at, refresh_token_expires_at
			FROM oauth2_authorization
			WHERE principal_name = :account AND (access_token_value IS NOT NULL OR refresh_token_value IS NOT NULL)
			""";
	private static final String ALL_AUTHORIZATIONS = """
			SELECT id, registered_client_id FROM oauth2_authorization WHERE principal_name = :account
			""";

	private final JdbcClient jdbc;
	private final RegisteredClientRepository clients;
	private final Access access;
	private final AccessProperties catalogue;
	private final SsoProperties properties;
	private final TransactionTemplate transactions;
	private final ApplicationEventPublisher events;
	private final Logouts logouts;
	private final Clock clock;

	SignedInApps(JdbcClient jdbc, RegisteredClientRepository clients, Access access, AccessProperties catalogue,
			SsoProperties properties, TransactionTemplate transactions, ApplicationEventPublisher events,
			Logouts logouts, Clock clock) {
		this.jdbc = jdbc;
		this.clients = clients;
		this.access = access;
		this.catalogue = catalogue;
		this.properties = properties;
		this.transactions = transactions;
		this.events = events;
		this.logouts = logouts;
		this.clock = clock;
	}

	/**
	 * One system the person is signed in to.
	 *
	 * @param clients the names of its clients that hold tokens
	 * @param scopes the scopes granted
	 * @param received what the system may read through userinfo: the scopes' data its declared purpose allows
	 *        ({@code name}, {@code email}, {@code address})
	 * @param access the access claim its tokens carry now (level, organisation, contract), or null without access
	 * @param subjects how it knows the person: {@code pairwise} (an identifier of its own) or {@code public} (the
	 *        account id)
	 * @param since when the first of its authorizations began
	 * @param until until when its tokens work at the latest
	 */
	record App(String system, List<String> clients, List<String> scopes, List<String> received,
			Map<String, Object> access, List<String> subjects, Instant since, Instant until) {
	}

	private record Row(String id, RegisteredClient client, List<String> scopes, Instant since, Instant until) {
	}

	List<App> of(AccountId account) {
		Instant now = clock.instant();
		Map<String, List<Row>> bySystem = new java.util.TreeMap<>();
		jdbc.sql(AUTHORIZATIONS).param("account", account.toString()).query((rs, n) -> {
			RegisteredClient client = clients.findById(rs.getString(2));
			Instant code = instant(rs.getTimestamp(4));
			Instant issued = instant(rs.getTimestamp(5));
			Instant accessUntil = instant(rs.getTimestamp(6));
			Instant refreshUntil = instant(rs.getTimestamp(7));
			Instant until = refreshUntil == null || (accessUntil != null && accessUntil.isAfter(refreshUntil))
					? accessUntil : refreshUntil;
			String scopes = rs.getString(3);
			return new Row(rs.getString(1), client, scopes == null || scopes.isBlank() ? List.of()
					: Arrays.stream(scopes.split(",")).map(String::strip).toList(), code != null ? code : issued, until);
		}).list().stream().filter(row -> row.client() != null && row.until() != null && row.until().isAfter(now))
				.forEach(row -> bySystem.computeIfAbsent(SsoClients.systemOf(row.client()), key -> new ArrayList<>())
						.add(row));
		List<App> apps = new ArrayList<>();
		bySystem.forEach((system, rows) -> apps.add(app(account, system, rows)));
		return apps;
	}

	private App app(AccountId account, String system, List<Row> rows) {
		Set<String> names = new TreeSet<>();
		Set<String> scopes = new TreeSet<>();
		Set<String> subjects = new TreeSet<>();
		Instant since = null;
		Instant until = null;
		for (Row row : rows) {
			names.add(row.client().getClientName());
			scopes.addAll(row.scopes());
			subjects.add(SsoClients.pairwise(row.client()) ? "pairwise" : "public");
			since = since == null || (row.since() != null && row.since().isBefore(since)) ? row.since() : since;
			until = until == null || row.until().isAfter(until) ? row.until() : until;
		}
		Map<String, Object> claim = access.level(account, system).map(Claims::accessClaim).orElse(null);
		return new App(system, List.copyOf(names), List.copyOf(scopes), received(system, scopes), claim,
				List.copyOf(subjects), since, until);
	}

	/** What the scopes let the system read, within what its declared purpose allows (as userinfo decides). */
	private List<String> received(String system, Set<String> scopes) {
		Set<SsoProperties.Data> allowed = properties.receivedBy(system);
		Map<String, SsoProperties.Data> byScope = new LinkedHashMap<>();
		byScope.put(OidcScopes.PROFILE, SsoProperties.Data.NAME);
		byScope.put(OidcScopes.EMAIL, SsoProperties.Data.EMAIL);
		byScope.put(OidcScopes.ADDRESS, SsoProperties.Data.ADDRESS);
		List<String> received = new ArrayList<>();
		byScope.forEach((scope, data) -> {
			if (scopes.contains(scope) && allowed.contains(data)) {
				received.add(data.name().toLowerCase(java.util.Locale.ROOT));
			}
		});
		return List.copyOf(received);
	}

	/**
	 * Ends every authorization the person holds with any client of the system ({@link Logouts}: tokens stop, the
	 * system is told). Forty requests at once end each authorization once: only a request that ended one publishes
	 * {@link AppSignedOut}. Nothing to sign out of is not an error (the answer is the same).
	 */
	void signOut(AccountId account, String system) {
		if (system == null || !catalogue.systems().containsKey(system)) {
			throw new Rejected(HttpStatus.NOT_FOUND, "There is no such system.");
		}
		if (logouts.signedOutOf(account, system) > 0) {
			transactions.executeWithoutResult(status -> events.publishEvent(new AppSignedOut(account, system,
					clock.instant())));
		}
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
