package eu.pledge.accounts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.Tokens;

/**
 * The challenges handed to browsers, each answered once: using one deletes its row, and only the request whose
 * delete found it goes on, so forty copies of one answer sent at once (to any number of nodes) pass once. Rows
 * that were never answered are deleted by the next issue after their expiry.
 */
@Component
class PasskeyChallenges {

	/** As long as the browser lets the person take to touch the authenticator (WebAuthn's timeout). */
	static final Duration VALIDITY = Duration.ofMinutes(5);

	private static final String INSERT = """
			INSERT INTO passkey_challenges (challenge_digest, purpose, account_id, expires_at)
			VALUES (:digest, :purpose, :account, :expires)""";
	private static final String EXPIRED = "DELETE FROM passkey_challenges WHERE expires_at < :now";
	private static final String USE = """
			DELETE FROM passkey_challenges WHERE challenge_digest = :digest AND purpose = :purpose
			AND expires_at > :now AND (account_id = :account OR (account_id IS NULL AND :anyone = TRUE))""";

	enum Purpose {
		REGISTER, SIGN_IN, SECOND_FACTOR,
		/** A passkey standing in for the password before another passkey is added. */
		RECHECK
	}

	private final JdbcClient jdbc;
	private final Clock clock;

	PasskeyChallenges(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	void issue(String challenge, Purpose purpose, AccountId account) {
		Instant now = clock.instant();
		jdbc.sql(EXPIRED).param("now", Timestamp.from(now)).update();
		jdbc.sql(INSERT).param("digest", digest(challenge)).param("purpose", purpose.name())
				.param("account", account == null ? null : account.value())
				.param("expires", Timestamp.from(now.plus(VALIDITY))).update();
	}

	/** Whether the challenge was issued for this purpose (and account), is unexpired and had not been used. */
	boolean use(String challenge, Purpose purpose, AccountId account) {
		if (challenge == null || challenge.isEmpty() || challenge.length() > 200) {
			return false;
		}
		return jdbc.sql(USE).param("digest", digest(challenge)).param("purpose", purpose.name())
				.param("now", Timestamp.from(clock.instant()))
				.param("account", account == null ? new java.util.UUID(0, 0) : account.value())
				.param("anyone", account == null).update() == 1;
	}

	private static String digest(String challenge) {
		return Tokens.sha256(challenge); // base64url: its UTF-8 bytes are its ASCII bytes
	}
}
