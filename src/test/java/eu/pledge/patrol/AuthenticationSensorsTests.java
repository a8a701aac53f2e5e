package eu.pledge.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.People;

/** AE and UT4: floods of mail on request, password spraying and credential stuffing. */
class AuthenticationSensorsTests extends SensorTest {

	@Test
	void aFloodOfResetRequestsFromOneAddressIsBanned() {
		ApiClient flooder = client();
		for (int i = 0; i < 20; i++) {
			assertThat(flooder.post("/api/v1/password-reset", Map.of("email", randomEmail())).status()).isEqualTo(202);
		}
		await().atMost(WAIT).until(() -> ban(flooder.address()) != null);
		assertThat(ban(flooder.address()).scenario()).isEqualTo("patrol:mail-requests");
		assertThat(answersAudited("mail-requests", flooder.address())).isEqualTo(1);
		assertThat(flooder.post("/api/v1/password-reset", Map.of("email", randomEmail())).status()).isEqualTo(429);
		lift(flooder.address());
	}

	@Test
	void registrationsAndVerificationMailsAgainCountTogether() {
		ApiClient flooder = client();
		String unverified = randomEmail();
		for (int i = 0; i < 10; i++) {
			flooder.post("/api/v1/accounts", People.registration(randomEmail()));
			flooder.post("/api/v1/accounts", People.registration(unverified)); // the verification mail again
		}
		await().atMost(WAIT).until(() -> ban(flooder.address()) != null);
		assertThat(detections(flooder.address(), Point.REGISTRATION_REQUESTED)).isEqualTo(11);
		assertThat(detections(flooder.address(), Point.VERIFICATION_REQUESTED)).isEqualTo(9);
		lift(flooder.address());
	}

	@Test
	void aPersonWhoAsksForTwoResetLinksAndRegistersIsOnlyRecorded() {
		ApiClient person = client();
		String email = randomEmail();
		People.registerAndVerify(person, mailbox, email);
		person.post("/api/v1/password-reset", Map.of("email", email));
		person.post("/api/v1/password-reset", Map.of("email", email));
		await().atMost(WAIT).until(() -> detections(person.address(), Point.PASSWORD_RESET_REQUESTED) == 2);
		assertThat(detections(person.address(), Point.REGISTRATION_REQUESTED)).isOne();
		assertThat(responses("mail-requests", person.address())).isZero();
		assertThat(person.get("/api/v1/me").status()).isNotEqualTo(429);
	}

	@Test
	void oneAddressFailingOnTwentyAccountsIsBannedAsSpraying() {
		List<String> victims = accounts(20);
		ApiClient sprayer = client();
		for (String victim : victims) {
			sprayer.post("/api/v1/session", Map.of("email", victim, "password", "Summer2026!"));
		}
		await().atMost(WAIT).until(() -> ban(sprayer.address()) != null);
		assertThat(ban(sprayer.address()).scenario()).isEqualTo("patrol:password-spraying");
		assertThat(answersAudited("password-spraying", sprayer.address())).isEqualTo(1);
		lift(sprayer.address());
	}

	@Test
	void twentyGuessesAtFourAccountsAreNoSprayingButCountAsFailures() {
		List<String> victims = accounts(4);
		ApiClient guesser = client();
		for (String victim : victims) {
			for (int i = 0; i < 5; i++) { // five per account and address: what protection's sign-in gate lets through
				guesser.post("/api/v1/session", Map.of("email", victim, "password", "guess " + i));
			}
		}
		await().atMost(WAIT).until(() -> detections(guesser.address(), Point.SIGN_IN_FAILED) == 20);
		assertThat(responses("sign-in-failures", guesser.address())).isOne();
		assertThat(responses("password-spraying", guesser.address())).isZero(); // 20 failures, but 4 accounts
	}

	@Test
	void anOfficeWhoseColleaguesEachMistypeOnceIsNotBanned() {
		String office = randomAddress();
		for (int person = 0; person < 8; person++) {
			ApiClient colleague = new ApiClient(port).from(office);
			String email = randomEmail();
			People.registerAndVerify(colleague, mailbox, email);
			colleague.post("/api/v1/session", Map.of("email", email, "password", "typo"));
			assertThat(People.signIn(colleague, email, People.PASSWORD).status()).isEqualTo(200);
		}
		await().atMost(WAIT).until(() -> detections(office, Point.SIGN_IN_FAILED) == 8);
		assertThat(responses("password-spraying", office)).isZero();
		assertThat(responses("mail-requests", office)).isZero();
		assertThat(ban(office)).isNull();
		assertThat(new ApiClient(port).from(office).get("/").status()).isEqualTo(200);
	}

	@Test
	void fiveAddressesFailingOnOneAccountAreStuffing() {
		String victim = accounts(1).get(0);
		ApiClient first = client();
		first.post("/api/v1/session", Map.of("email", victim, "password", "leaked-0"));
		String account = accountFailedFrom(first.address());
		for (int i = 1; i < 5; i++) {
			client().post("/api/v1/session", Map.of("email", victim, "password", "leaked-" + i));
		}
		await().atMost(WAIT).until(() -> responses("credential-stuffing", account) == 1);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE action = 'patrol.responded' AND detail LIKE :r")
				.param("r", "%credential-stuffing%").query(Long.class).single()).isPositive();
	}

	@Test
	void aPersonMistypingThreeTimesFromHomeAndPhoneIsNotStuffing() {
		ApiClient home = client();
		String email = randomEmail();
		People.registerAndVerify(home, mailbox, email);
		ApiClient phone = client();
		home.post("/api/v1/session", Map.of("email", email, "password", "typo 1"));
		home.post("/api/v1/session", Map.of("email", email, "password", "typo 2"));
		phone.post("/api/v1/session", Map.of("email", email, "password", "typo 3"));
		await().atMost(WAIT).until(() -> detections(phone.address(), Point.SIGN_IN_FAILED) == 1
				&& detections(home.address(), Point.SIGN_IN_FAILED) == 2);
		String account = accountFailedFrom(phone.address());
		assertThat(responses("credential-stuffing", account)).isZero();
		assertThat(People.signIn(phone, email, People.PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void fiveMistakesFromOneAddressAreNoStuffing() {
		ApiClient home = client();
		String email = randomEmail();
		People.registerAndVerify(home, mailbox, email);
		home.post("/api/v1/session", Map.of("email", email, "password", "typo 0"));
		String account = accountFailedFrom(home.address());
		for (int i = 1; i < 5; i++) {
			home.post("/api/v1/session", Map.of("email", email, "password", "typo " + i));
		}
		await().atMost(WAIT).until(() -> detections(home.address(), Point.SIGN_IN_FAILED) == 5);
		assertThat(responses("credential-stuffing", account)).isZero(); // five failures, one address
	}

	/** Verified accounts, each registered from an address of its own. */
	private List<String> accounts(int n) {
		List<String> emails = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			String email = randomEmail();
			People.registerAndVerify(client(), mailbox, email);
			emails.add(email);
		}
		return emails;
	}

	/** The account of the (one) failed sign-in from {@code address}, once it is recorded. */
	private String accountFailedFrom(String address) {
		await().atMost(WAIT).until(() -> detections(address, Point.SIGN_IN_FAILED) == 1);
		return jdbc.sql("SELECT account_id FROM patrol_detections WHERE address = :a AND point = 'SIGN_IN_FAILED'")
				.param("a", address).query(String.class).single();
	}
}
