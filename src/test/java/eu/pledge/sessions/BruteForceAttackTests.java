package eu.pledge.sessions;

import static eu.pledge.testing.People.PASSWORD;
import static eu.pledge.testing.People.registerAndVerify;
import static eu.pledge.testing.People.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;

/**
 * The attacks the foundation issue names, as an attacker sends them over HTTP, while the real owner keeps
 * signing in from their usual address. The attacks are stopped by the limits; the owner is never locked out.
 */
class BruteForceAttackTests extends HttpTest {

	@Test
	void twoHundredGuessesFromOneAddressOverFiftyAccountsAreCutOffAfterTwentyAndTheOwnerStillGetsIn() {
		List<String> victims = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			String email = randomEmail();
			registerAndVerify(client(), mailbox, email);
			victims.add(email);
		}
		String ownerAddress = randomAddress();
		String owner = victims.get(7);
		assertThat(signIn(client().from(ownerAddress), owner, PASSWORD).status()).isEqualTo(200);

		ApiClient attacker = client();
		int refusedWith401 = 0;
		int refusedWith429 = 0;
		for (int attempt = 0; attempt < 200; attempt++) {
			ApiClient.Response response = signIn(attacker, victims.get(attempt % 50), "guess number " + attempt);
			if (response.status() == 401) {
				refusedWith401++;
			}
			else {
				assertThat(response.status()).isEqualTo(429);
				assertThat(Long.parseLong(response.header("Retry-After"))).isBetween(3500L, 3600L);
				assertThat(response.json().get("detail").asString()).contains("try again");
				refusedWith429++;
			}
			if (attempt % 20 == 0) {
				assertThat(signIn(client().from(ownerAddress), owner, PASSWORD).status()).isEqualTo(200);
			}
		}
		assertThat(refusedWith401).as("guesses that reached a password check").isEqualTo(20);
		assertThat(refusedWith429).isEqualTo(180);
		assertThat(attacker.get("/api/v1/me").status()).as("a blocked address is turned away everywhere").isEqualTo(429);

		// After the hour the address may try again, and the next block lasts twice as long.
		clock.advance(Duration.ofMinutes(61));
		for (int attempt = 0; attempt < 20; attempt++) {
			assertThat(signIn(attacker, victims.get(attempt), "second wave " + attempt).status()).isEqualTo(401);
		}
		ApiClient.Response blockedAgain = signIn(attacker, victims.get(0), "second wave");
		assertThat(blockedAgain.status()).isEqualTo(429);
		assertThat(Long.parseLong(blockedAgain.header("Retry-After"))).isBetween(7100L, 7200L);
	}

	@Test
	void oneHundredGuessesOnOneAccountFromTwentyFiveAddressesAreSlowedWhileTheOwnerGetsInEveryTime() {
		String victim = randomEmail();
		registerAndVerify(client(), mailbox, victim);
		String home = randomAddress();
		assertThat(signIn(client().from(home), victim, PASSWORD).status()).isEqualTo(200);

		List<ApiClient> botnet = new ArrayList<>();
		for (int i = 0; i < 25; i++) {
			botnet.add(client());
		}
		int checked = 0;
		int slowed = 0;
		for (int attempt = 0; attempt < 100; attempt++) {
			ApiClient.Response response = signIn(botnet.get(attempt % 25), victim, "guess " + attempt);
			if (response.status() == 401) {
				checked++;
			}
			else {
				assertThat(response.status()).isEqualTo(429);
				assertThat(response.header("Retry-After")).isNotNull();
				slowed++;
			}
			if (attempt % 10 == 9) {
				ApiClient.Response owner = signIn(client().from(home), victim, PASSWORD);
				assertThat(owner.status()).as("the owner signs in from home during the attack").isEqualTo(200);
			}
		}
		assertThat(checked).as("guesses that reached a password check").isEqualTo(10);
		assertThat(slowed).isEqualTo(90);

		// The wait grows with each failure: after a second, one more guess is checked and the wait doubles.
		clock.advance(Duration.ofSeconds(1));
		assertThat(signIn(botnet.get(0), victim, "after a second").status()).isEqualTo(401);
		ApiClient.Response next = signIn(botnet.get(1), victim, "right after");
		assertThat(next.status()).isEqualTo(429);
		assertThat(Long.parseLong(next.header("Retry-After"))).isGreaterThanOrEqualTo(2);
		assertThat(signIn(client().from(home), victim, PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void aNewDeviceOfTheOwnerIsSlowedDuringAnAttackButNeverBlocked() {
		String victim = randomEmail();
		registerAndVerify(client(), mailbox, victim);
		for (int attempt = 0; attempt < 12; attempt++) {
			signIn(client(), victim, "guess " + attempt);
		}
		ApiClient.Response fromNewPlace = signIn(client(), victim, PASSWORD);
		assertThat(fromNewPlace.status()).isEqualTo(429);
		long wait = Long.parseLong(fromNewPlace.header("Retry-After"));
		assertThat(wait).isLessThanOrEqualTo(15 * 60);
		clock.advance(Duration.ofSeconds(wait));
		assertThat(signIn(client(), victim, PASSWORD).status()).isEqualTo(200);
	}
}
