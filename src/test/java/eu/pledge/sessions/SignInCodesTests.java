package eu.pledge.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import eu.pledge.shared.AccountId;
import eu.pledge.testing.AtOnce;
import eu.pledge.testing.HttpTest;

/** A mailed sign-in code is tried five times at most, however many guesses arrive at once. */
class SignInCodesTests extends HttpTest {

	@Autowired
	SignInCodes codes;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Test
	void fortyWrongGuessesAtOnceUseTheCodesFiveTriesAndTheRightCodeIsThenRefused() throws Exception {
		AccountId account = AccountId.random();
		String code = codes.issue(account);
		String wrong = code.equals("000000") ? "111111" : "000000";
		assertThat(AtOnce.times(40, () -> codes.use(account, wrong))).containsOnly(false);
		assertThat(jdbc.sql("SELECT failures FROM sessions_sign_in_codes WHERE account_id = :a")
				.param("a", account.toString()).query(Integer.class).single()).as("tries taken, not forty").isEqualTo(5);
		assertThat(codes.use(account, code)).as("its tries are used up").isFalse();
	}

	/**
	 * Forty sign-ins at once with the right password (a step-up in force) ask for a code at once: one code is
	 * issued and mailed, and it is the one that works; so again a minute later, when the code may be renewed.
	 * Before, each read "no recent code" and then replaced the code another had just issued: several mails, only the
	 * last code working.
	 */
	@Test
	void fortyRequestsForACodeAtOnceIssueOneThatWorksAndSoAgainAMinuteLater() throws Exception {
		AccountId account = AccountId.random();
		for (int round = 0; round < 2; round++) {
			List<String> issued = eu.pledge.testing.AtOnce.run(40, i -> () -> codes.issue(account));
			List<String> mailed = issued.stream().filter(java.util.Objects::nonNull).toList();
			assertThat(mailed).as("round " + round + ": one code to mail").hasSize(1);
			assertThat(codes.use(account, mailed.get(0))).as("the mailed code works").isTrue();
			assertThat(codes.issue(account)).as("the used code was the live one: a new one may be mailed").isNotNull();
			clock.advance(java.time.Duration.ofSeconds(61));
		}
	}

	@Test
	void theRightCodeWorksOnceWithinItsTries() {
		AccountId account = AccountId.random();
		String code = codes.issue(account);
		for (int i = 0; i < 4; i++) {
			assertThat(codes.use(account, "not a code")).isFalse();
		}
		assertThat(codes.use(account, code)).isTrue();
		assertThat(codes.use(account, code)).isFalse();
	}
}
