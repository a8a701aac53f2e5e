package eu.pledge.sso;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import eu.pledge.privacy.spi.BatchedSweep;
import eu.pledge.privacy.spi.DataStore;
import eu.pledge.privacy.spi.HeldItem;
import eu.pledge.privacy.spi.PersonalDataHolder;
import eu.pledge.privacy.spi.RetentionRule;
import eu.pledge.shared.AccountId;

/**
 * What single sign-on holds about a person: their authorizations (which system's client signed them in, with
 * which scopes, until when its tokens work), the digests of refresh tokens already exchanged, and consents. The
 * person sees the authorizations in their data; erasure deletes all three; the rule {@code sso-authorizations}
 * deletes an authorization once none of its tokens can be used any more, and spent digests once the token they
 * name would have expired.
 */
@Component
class SsoData implements PersonalDataHolder, RetentionRule {

	private static final int BATCH = 500;

	private final JdbcClient jdbc;
	private final CachedClients clients;
	private final SsoProperties properties;
	private final BatchedSweep batches;
	private final Logouts logouts;

	SsoData(JdbcClient jdbc, CachedClients clients, SsoProperties properties, PlatformTransactionManager transactions,
			Logouts logouts) {
		this.logouts = logouts;
		this.jdbc = jdbc;
		this.clients = clients;
		this.properties = properties;
		this.batches = new BatchedSweep(transactions);
	}

	/** One system's authorization as the person sees it. */
	record HeldAuthorization(String system, String client, List<String> scopes, Instant accessTokenUntil,
			Instant refreshTokenUntil) {
	}

	@Override
	public List<DataStore> describe() {
		return List.of(new DataStore("sessions", "table:oauth2_authorization", properties.refreshTokenLifetime()),
				new DataStore("sessions", "table:sso_spent_refresh_tokens", properties.refreshTokenLifetime()),
				new DataStore("sessions", "table:oauth2_authorization_consent", properties.refreshTokenLifetime()),
				new DataStore("sessions", "table:sso_session_links", properties.refreshTokenLifetime()),
				new DataStore("sessions", "table:sso_logout_deliveries", Logouts.GIVE_UP_AFTER));
	}

	@Override
	public List<HeldItem> export(AccountId account) {
		return jdbc.sql("SELECT registered_client_id, authorized_scopes, access_token_expires_at, refresh_token_expires_at "
				+ "FROM oauth2_authorization WHERE principal_name = ? ORDER BY access_token_issued_at")
				.param(account.toString()).query((rs, row) -> {
					RegisteredClient client = clients.findById(rs.getString(1));
					Timestamp access = rs.getTimestamp(3);
					Timestamp refresh = rs.getTimestamp(4);
					Instant until = refresh != null ? refresh.toInstant() : access != null ? access.toInstant() : null;
					return new HeldItem("sessions", "sso-authorization", new HeldAuthorization(
							client == null ? null : SsoClients.systemOf(client),
							client == null ? null : client.getClientName(),
							rs.getString(2) == null ? List.of() : List.of(rs.getString(2).split(",")),
							access == null ? null : access.toInstant(), refresh == null ? null : refresh.toInstant()),
							until);
				}).list();
	}

	@Override
	public void erase(AccountId account) {
		logouts.erasing(account);
		String principal = account.toString();
		jdbc.sql("DELETE FROM sso_session_links WHERE principal_name = ?").param(principal).update();
		jdbc.sql("DELETE FROM sso_spent_refresh_tokens WHERE principal_name = ?").param(principal).update();
		jdbc.sql("DELETE FROM oauth2_authorization WHERE principal_name = ?").param(principal).update();
		jdbc.sql("DELETE FROM oauth2_authorization_consent WHERE principal_name = ?").param(principal).update();
	}

	@Override
	public String name() {
		return "sso-authorizations";
	}

	@Override
	public String category() {
		return "sessions";
	}

	@Override
	public long sweep(Instant now) {
		Timestamp at = Timestamp.from(now);
		long deleted = batches.run(BATCH, size -> {
			List<String> ended = jdbc.sql("SELECT id FROM oauth2_authorization WHERE "
					+ "(authorization_code_expires_at IS NULL OR authorization_code_expires_at < :now) "
					+ "AND (access_token_expires_at IS NULL OR access_token_expires_at < :now) "
					+ "AND (oidc_id_token_expires_at IS NULL OR oidc_id_token_expires_at < :now) "
					+ "AND (refresh_token_expires_at IS NULL OR refresh_token_expires_at < :now) "
					+ "AND COALESCE(refresh_token_expires_at, access_token_expires_at, authorization_code_expires_at) "
					+ "IS NOT NULL FETCH FIRST " + size + " ROWS ONLY").param("now", at).query(String.class).list();
			int removed = ended.isEmpty() ? 0
					: jdbc.sql("DELETE FROM oauth2_authorization WHERE id IN (:ids)").param("ids", ended).update();
			return new BatchedSweep.Batch(ended.size(), removed);
		});
		return deleted + batches.run(BATCH, size -> {
			List<String> spent = jdbc.sql("SELECT token_digest FROM sso_spent_refresh_tokens WHERE expires_at < ? "
					+ "FETCH FIRST " + size + " ROWS ONLY").param(at).query(String.class).list();
			int removed = spent.isEmpty() ? 0
					: jdbc.sql("DELETE FROM sso_spent_refresh_tokens WHERE token_digest IN (:ids)").param("ids", spent)
							.update();
			return new BatchedSweep.Batch(spent.size(), removed);
		});
	}

}
