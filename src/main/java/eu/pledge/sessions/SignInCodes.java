package eu.pledge.sessions;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.Tokens;

/**
 * One-time sign-in codes mailed during a step-up to accounts without an authenticator: six digits, hashed, one live
 * code per account, valid ten minutes. Using it is one DELETE, so of forty requests with the right code one signs
 * in; five tries, the right one among them, use it up (protection's per-account throttle slows guessing before
 * that). A new code is mailed at most once a minute, so a password-holder cannot flood the owner's mailbox.
 */
@Repository
class SignInCodes {

	static final Duration VALIDITY = Duration.ofMinutes(10);
	private static final Duration RESEND_AFTER = Duration.ofMinutes(1);
	private static final int MAX_FAILURES = 5;
	private static final SecureRandom RANDOM = new SecureRandom();

	/** A new code in place of one issued a minute or more ago or expired; none while a recent one is valid. */
	private static final String RENEW = """
			UPDATE sessions_sign_in_codes SET code_hash = :hash, created_at = :now, expires_at = :expires, failures = 0
			WHERE account_id = :account AND (created_at <= :resendBefore OR expires_at <= :now)""";
	private static final String INSERT = """
			INSERT INTO sessions_sign_in_codes (account_id, code_hash, created_at, expires_at, failures)
			VALUES (:account, :hash, :now, :expires, 0) ON CONFLICT DO NOTHING""";
	private static final String USE = """
			DELETE FROM sessions_sign_in_codes WHERE account_id = :account AND code_hash = :hash AND expires_at > :now""";
	private static final String TRY = """
			UPDATE sessions_sign_in_codes SET failures = failures + 1
			WHERE account_id = :account AND failures < :max AND expires_at > :now""";
	static final String DELETE_EXPIRED = "DELETE FROM sessions_sign_in_codes WHERE expires_at <= :now";

	private final JdbcClient jdbc;
	private final Clock clock;

	SignInCodes(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * A new code to mail, or null when one was issued less than a minute ago and is still valid. Each statement
	 * decides on its own: forty sign-ins at once with the right password, each reading "no recent code" and then
	 * replacing the code another had just mailed, mailed several codes of which only the last worked.
	 */
	String issue(AccountId account) {
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		String code = String.format("%06d", RANDOM.nextInt(1_000_000));
		var params = java.util.Map.<String, Object>of("account", account.toString(), "hash", hash(account, code), "now",
				ts(now), "expires", ts(now.plus(VALIDITY)), "resendBefore", ts(now.minus(RESEND_AFTER)));
		if (jdbc.sql(RENEW).params(params).update() == 1) {
			return code;
		}
		// none yet (or the sweep deleted an expired one just now); another request inserting at the same moment wins
		return jdbc.sql(INSERT).params(params).update() == 1 ? code : null;
	}

	/**
	 * Uses the code: true exactly once for the right one while it is valid. Each try first takes one of the code's
	 * five tries in one statement, so forty guesses at once check five codes at most, not forty.
	 */
	boolean use(AccountId account, String code) {
		Instant now = clock.instant();
		if (jdbc.sql(TRY).param("account", account.toString()).param("max", MAX_FAILURES).param("now", ts(now))
				.update() == 0) {
			return false; // none, expired, or its tries used up (the row stays until it expires or a new code comes)
		}
		String digits = code == null ? "" : code.replaceAll("\\s", "");
		return digits.matches("\\d{6}") && jdbc.sql(USE).param("account", account.toString())
				.param("hash", hash(account, digits)).param("now", ts(now)).update() == 1;
	}

	private static String hash(AccountId account, String code) {
		return Tokens.sha256("sign-in-code:" + account + ":" + code);
	}

	static OffsetDateTime ts(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
	}
}
