package eu.pledge.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import eu.pledge.protection.Decision;
import eu.pledge.protection.Decisions;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.AtOnce;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.People;

/**
 * Attack traffic against Pledge is detected and answered with the production rules; a person's ordinary
 * mistakes are recorded and nothing more. The clock stands still unless a test moves it: detections at the
 * instant a rule answered count as answered.
 */
@TestPropertySource(properties = { "pledge.patrol.rules.honeytrap.responses=ban",
		"pledge.patrol.rules.scanning.responses=record,ban", "pledge.patrol.rules.sign-in-failures.responses=record,ban",
		"pledge.patrol.rules.access-denials.responses=record,ban" })
class PatrolTests extends HttpTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	Decisions decisions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aHoneytrapRequestBansTheAddressAtOnce() {
		String address = randomAddress();
		ApiClient scanner = new ApiClient(port).from(address);
		scanner.get("/.env");

		await().atMost(WAIT).until(() -> ban(address) != null);
		Decision ban = ban(address);
		assertThat(ban.scenario()).isEqualTo("patrol:honeytrap");
		assertThat(Duration.between(ban.createdAt(), ban.expiresAt())).isEqualTo(Duration.ofMinutes(15));
		assertThat(scanner.get("/").status()).isEqualTo(429);
		assertThat(client().get("/").status()).isEqualTo(200);
		assertThat(new PatrolRecords(jdbc, decisions).answersAudited("honeytrap", address)).isEqualTo(1);
		// One detection: the honeytrap, reported on the request's thread, is not also "not found" by the access log
		await().pollDelay(Duration.ofMillis(500)).atMost(WAIT)
				.until(() -> detections(address, Point.HONEYTRAP) == 1 && detections(address, Point.NOT_FOUND) == 0);
		decisions.lift(ban.id());
	}

	@Test
	void fortyHoneytrapRequestsAtOnceAreOneAttackAnsweredOnce() throws Exception {
		String address = randomAddress();
		List<Integer> statuses = AtOnce.times(40, () -> new ApiClient(port).from(address).get("/wp-login.php").status());
		long turnedAway = statuses.stream().filter(status -> status == 429).count();
		await().atMost(WAIT).until(() -> detections(address, Point.HONEYTRAP) + turnedAway >= 40);
		await().atMost(WAIT).until(() -> ban(address) != null);
		assertThat(new PatrolRecords(jdbc, decisions).answersAudited("honeytrap", address)).isEqualTo(1);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM protection_decisions WHERE address = :a").param("a", address)
				.query(Long.class).single()).isEqualTo(1);
		decisions.lift(ban(address).id());
	}

	@Test
	void scanningIsRecordedFirstAndBannedWhenItGoesOn() {
		String address = randomAddress();
		ApiClient scanner = new ApiClient(port).from(address);
		for (int i = 0; i < 30; i++) {
			scanner.get("/no-such-page-" + i);
		}
		await().atMost(WAIT).until(() -> detections(address, Point.NOT_FOUND) == 30);
		await().atMost(WAIT).until(() -> responses("scanning", address) == 1);
		assertThat(ban(address)).isNull(); // the first attack is recorded only
		assertThat(scanner.get("/").status()).isEqualTo(200);

		clock.advance(Duration.ofSeconds(1));
		for (int i = 0; i < 30; i++) {
			scanner.get("/still-no-such-page-" + i);
		}
		await().atMost(WAIT).until(() -> ban(address) != null);
		assertThat(scanner.get("/").status()).isEqualTo(429);
		decisions.lift(ban(address).id());
	}

	@Test
	void aPersonWhoMistypesThreeTimesIsOnlyRecorded() {
		ApiClient person = client();
		String email = randomEmail();
		People.registerAndVerify(person, mailbox, email);
		String address = person.address();
		for (int i = 0; i < 3; i++) {
			person.post("/api/v1/session", Map.of("email", email, "password", "not the password " + i));
		}
		await().atMost(WAIT).until(() -> detections(address, Point.SIGN_IN_FAILED) == 3);
		People.signIn(person, email, People.PASSWORD);
		assertThat(responses("sign-in-failures", address)).isZero();
		assertThat(ban(address)).isNull();
	}

	@Test
	void anOfficeBehindOneAddressIsNotBannedForItsPeoplesMistakes() {
		String office = randomAddress();
		for (int person = 0; person < 5; person++) {
			ApiClient colleague = new ApiClient(port).from(office);
			String email = randomEmail();
			People.registerAndVerify(colleague, mailbox, email);
			colleague.post("/api/v1/session", Map.of("email", email, "password", "typo"));
			colleague.post("/api/v1/session", Map.of("email", email, "password", "typo again"));
			People.signIn(colleague, email, People.PASSWORD);
		}
		await().atMost(WAIT).until(() -> detections(office, Point.SIGN_IN_FAILED) == 10);
		await().atMost(WAIT).until(() -> responses("sign-in-failures", office) == 1); // recorded as one attack
		assertThat(ban(office)).isNull();
		assertThat(new ApiClient(port).from(office).get("/").status()).isEqualTo(200);
	}

	@Test
	void passwordGuessingFromOneAddressIsBannedOnTheSecondWave() {
		String address = randomAddress();
		ApiClient attacker = new ApiClient(port).from(address);
		for (int i = 0; i < 10; i++) {
			attacker.post("/api/v1/session", Map.of("email", randomEmail(), "password", "guess " + i));
		}
		await().atMost(WAIT).until(() -> responses("sign-in-failures", address) == 1);
		clock.advance(Duration.ofSeconds(1));
		for (int i = 0; i < 10; i++) {
			attacker.post("/api/v1/session", Map.of("email", randomEmail(), "password", "guess " + i));
		}
		await().atMost(WAIT).until(() -> ban(address) != null);
		assertThat(ban(address).scenario()).isEqualTo("patrol:sign-in-failures");
		decisions.lift(ban(address).id());
	}

	@Test
	void anAccountProbingAdministratorRoutesIsBanned() {
		ApiClient prober = client();
		signedInAccount(prober);
		String address = prober.address();
		for (int i = 0; i < 10; i++) {
			assertThat(prober.get("/api/v1/admin/organizations").status()).isIn(403, 404);
		}
		await().atMost(WAIT).until(() -> responses("access-denials", address) == 1);
		clock.advance(Duration.ofSeconds(1));
		for (int i = 0; i < 10; i++) {
			prober.get("/api/v1/admin/organizations");
		}
		await().atMost(WAIT).until(() -> ban(address) != null);
		assertThat(prober.get("/api/v1/me").status()).isEqualTo(429);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM patrol_detections WHERE address = :a AND account_id IS NOT NULL")
				.param("a", address).query(Long.class).single()).isGreaterThanOrEqualTo(20);
		decisions.lift(ban(address).id());
	}

	private Decision ban(String address) {
		return new PatrolRecords(jdbc, decisions).ban(address);
	}

	private long detections(String address, Point point) {
		return new PatrolRecords(jdbc, decisions).detections(address, point);
	}

	private int responses(String rule, String address) {
		return new PatrolRecords(jdbc, decisions).responses(rule, address);
	}
}
