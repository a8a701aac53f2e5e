package eu.pledge.accounts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import eu.pledge.shared.Tokens;

/**
 * Single-use, expiring link tokens (verification, email change, password reset). Only the SHA-256 of the
 * mailed secret is stored; spending deletes the row in the same statement that finds it, so a link works
 * once even when clicked twice at the same moment.
 */
@Repository
class AccountTokens {

	private static final String INSERT = """
			INSERT INTO account_tokens (token_hash, account_id, purpose, payload, created_at, expires_at)
			VALUES (:hash, :account, :purpose, :payload, :now, :expires)""";
	private static final String FIND = """
			SELECT account_id, payload, expires_at FROM account_tokens WHERE token_hash = :hash AND purpose = :purpose""";
	private static final String DELETE = "DELETE FROM account_tokens WHERE token_hash = :hash";
	private static final String RECENT = """
			SELECT COUNT(*) FROM account_tokens WHERE account_id = :account AND purpose = :purpose AND created_at > :since""";
	private static final String DELETE_FOR = "DELETE FROM account_tokens WHERE account_id = :account AND purpose = :purpose";

	enum Purpose {
		VERIFY_EMAIL, CHANGE_EMAIL, RESET_PASSWORD
	}

	/** A spent token: whose it was and what it carried (e.g. the sealed new email). */
	record Spent(UUID accountId, String payload) {
		@Override
		public String toString() {
			return "Spent[account=" + accountId + "]";
		}
	}

	private record Row(UUID accountId, String payload, Instant expiresAt) {
	}

	private final JdbcClient jdbc;
	private final Clock clock;

	AccountTokens(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Issues a fresh token, replacing earlier ones of the same purpose; returns the secret to mail. */
	String issue(UUID account, Purpose purpose, String payload, Duration validity) {
		jdbc.sql(DELETE_FOR).param("account", account).param("purpose", purpose.name()).update();
		String secret = Tokens.newLinkToken();
		Instant now = clock.instant();
		jdbc.sql(INSERT).param("hash", Tokens.sha256(secret)).param("account", account)
				.param("purpose", purpose.name()).param("payload", payload).param("now", Timestamp.from(now))
				.param("expires", Timestamp.from(now.plus(validity))).update();
		return secret;
	}

	/** Spends a token: present, of this purpose, unexpired, and not spent by anyone else meanwhile. */
	Optional<Spent> spend(String secret, Purpose purpose) {
		if (secret == null || secret.isBlank() || secret.length() > 200) {
			return Optional.empty();
		}
		String hash = Tokens.sha256(secret.strip());
		Optional<Row> row = jdbc.sql(FIND).param("hash", hash).param("purpose", purpose.name()).query(Row.class)
				.optional();
		if (row.isEmpty() || jdbc.sql(DELETE).param("hash", hash).update() != 1) {
			return Optional.empty();
		}
		if (!row.get().expiresAt().isAfter(clock.instant())) {
			return Optional.empty();
		}
		return Optional.of(new Spent(row.get().accountId(), row.get().payload()));
	}

	/** Whether a token of this purpose was issued within {@code period}: one mail a minute is plenty. */
	boolean issuedWithin(UUID account, Purpose purpose, Duration period) {
		return jdbc.sql(RECENT).param("account", account).param("purpose", purpose.name())
				.param("since", Timestamp.from(clock.instant().minus(period))).query(Long.class).single() > 0;
	}

	void revokeAll(UUID account, Purpose purpose) {
		jdbc.sql(DELETE_FOR).param("account", account).param("purpose", purpose.name()).update();
	}

	/**
	 * After the password or the email address changed, no link mailed before may still change either: a
	 * reset link sent to the old address, or an email change someone requested with the old password.
	 */
	void revokeAfterCredentialChange(UUID account) {
		revokeAll(account, Purpose.RESET_PASSWORD);
		revokeAll(account, Purpose.CHANGE_EMAIL);
	}
}
