package eu.pledge.sessions;

import static eu.pledge.sessions.SignInCodes.ts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.RowLocks;

/**
 * Sign-in step-ups: until a given time every sign-in of the account needs a second factor, the authenticator app
 * when the account has one, else a one-time code mailed to its verified address. Never a lockout: whoever can read
 * the account's mail still signs in, and a stranger who triggers it only makes the owner type one more code. At
 * most 48 hours (the table holds the database to it); a later step-up extends an earlier one, never shortens it.
 */
@Service
public class StepUps {

	private static final Duration MAX = Duration.ofHours(48);

	// Touches the row whenever it is there (so it holds it), and moves it only to a later end.
	private static final String EXTEND = """
			UPDATE sessions_step_ups SET
			  reason = CASE WHEN until_at < :until THEN :reason ELSE reason END,
			  created_at = CASE WHEN until_at < :until THEN :now ELSE created_at END,
			  until_at = CASE WHEN until_at < :until THEN :until ELSE until_at END
			WHERE account_id = :account""";
	private static final String INSERT = """
			INSERT INTO sessions_step_ups (account_id, reason, created_at, until_at)
			VALUES (:account, :reason, :now, :until) ON CONFLICT DO NOTHING""";
	private static final String UNTIL = """
			SELECT until_at FROM sessions_step_ups WHERE account_id = :account AND until_at > :now""";
	static final String ERASE = "DELETE FROM sessions_step_ups WHERE account_id = :account";
	static final String DELETE_ENDED = "DELETE FROM sessions_step_ups WHERE until_at <= :now";

	private final JdbcClient jdbc;
	private final SessionMails mails;
	private final Clock clock;

	StepUps(JdbcClient jdbc, SessionMails mails, Clock clock) {
		this.jdbc = jdbc;
		this.mails = mails;
		this.clock = clock;
	}

	/** Asks every sign-in of the account for a second factor for {@code duration} (at most 48 h), and mails them. */
	public Instant require(AccountId account, Duration duration, String reason) {
		if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX) > 0) {
			throw new IllegalArgumentException("a step-up lasts more than 0 and at most 48 hours");
		}
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		Instant until = now.plus(duration);
		var params = java.util.Map.<String, Object>of("account", account.toString(), "reason", reason, "now", ts(now),
				"until", ts(until));
		// An ended step-up's row may be deleted by the retention sweep between the insert that found it and the
		// update that should extend it: then it is made again.
		RowLocks.updateOrInsert(RowLocks.First.INSERT, () -> jdbc.sql(EXTEND).params(params).update(),
				() -> jdbc.sql(INSERT).params(params).update(), "sessions_step_ups");
		Instant inForce = requiredUntil(account).orElse(until);
		mails.stepUpRequired(account, inForce);
		return inForce;
	}

	/** Until when sign-ins of the account need a second factor; empty when they do not. */
	public Optional<Instant> requiredUntil(AccountId account) {
		return jdbc.sql(UNTIL).param("account", account.toString()).param("now", ts(clock.instant()))
				.query(OffsetDateTime.class).optional().map(OffsetDateTime::toInstant);
	}
}
