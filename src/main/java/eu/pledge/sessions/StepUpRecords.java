package eu.pledge.sessions;

import static eu.pledge.sessions.SignInCodes.ts;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.privacy.spi.DataStore;
import eu.pledge.privacy.spi.HeldItem;
import eu.pledge.privacy.spi.PersonalDataHolder;
import eu.pledge.privacy.spi.RetentionRule;
import eu.pledge.shared.AccountId;

/**
 * Step-ups and mailed sign-in codes as personal data: the person sees a step-up in force on their account (not the
 * code's hash), erasure deletes both, and the rule {@code sign-in-step-ups} deletes what has ended.
 */
@Component
class StepUpRecords implements PersonalDataHolder, RetentionRule {

	private static final String OF_ACCOUNT = """
			SELECT reason, created_at, until_at FROM sessions_step_ups WHERE account_id = :account AND until_at > :now""";
	private static final String ERASE_CODES = "DELETE FROM sessions_sign_in_codes WHERE account_id = :account";

	/** What the person sees: since when and until when their sign-ins need a second step, and who asked. */
	record StepUp(String askedBy, Instant since, Instant until) {
	}

	private final JdbcClient jdbc;
	private final java.time.Clock clock;

	StepUpRecords(JdbcClient jdbc, java.time.Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public List<DataStore> describe() {
		return List.of(new DataStore("sessions", "table:sessions_step_ups", Duration.ofHours(48)),
				new DataStore("sessions", "table:sessions_sign_in_codes", SignInCodes.VALIDITY));
	}

	@Override
	public List<HeldItem> export(AccountId account) {
		return jdbc.sql(OF_ACCOUNT).param("account", account.toString()).param("now", ts(clock.instant()))
				.query((rs, n) -> {
					StepUp stepUp = new StepUp(rs.getString("reason"),
							rs.getObject("created_at", OffsetDateTime.class).toInstant(),
							rs.getObject("until_at", OffsetDateTime.class).toInstant());
					return new HeldItem("sessions", "sign-in-step-up", stepUp, stepUp.until());
				}).list();
	}

	@Override
	@Transactional
	public void erase(AccountId account) {
		jdbc.sql(StepUps.ERASE).param("account", account.toString()).update();
		jdbc.sql(ERASE_CODES).param("account", account.toString()).update();
	}

	@Override
	public String name() {
		return "sign-in-step-ups";
	}

	@Override
	public String category() {
		return "sessions";
	}

	@Override
	public long sweep(Instant now) {
		return (long) jdbc.sql(StepUps.DELETE_ENDED).param("now", ts(now)).update()
				+ jdbc.sql(SignInCodes.DELETE_EXPIRED).param("now", ts(now)).update();
	}
}
