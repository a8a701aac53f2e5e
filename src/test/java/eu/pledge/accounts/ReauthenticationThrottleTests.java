package eu.pledge.accounts;

import static eu.pledge.testing.People.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.AtOnce;
import eu.pledge.testing.HttpTest;

/**
 * The current password asked to change a credential or erase the account is a sign-in attempt to brute-force
 * protection: a stolen session cannot be used to guess it (ASVS 2.2.1).
 */
class ReauthenticationThrottleTests extends HttpTest {

	@Test
	void guessingTheCurrentPasswordThroughAPasswordChangeIsSlowedLikeASignIn() {
		ApiClient session = client();
		signedInAccount(session);
		for (int i = 0; i < 5; i++) {
			assertThat(changePassword(session, "guess " + i).status()).isEqualTo(400);
		}

		ApiClient.Response refused = changePassword(session, PASSWORD);

		assertThat(refused.status()).isEqualTo(429);
		long wait = Long.parseLong(refused.header("Retry-After"));
		assertThat(wait).isPositive();
		assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("currentPassword");
		clock.advance(Duration.ofSeconds(wait));
		assertThat(changePassword(session, PASSWORD).status()).isEqualTo(204);
	}

	@Test
	void theGuessesCountAcrossEveryPlaceThatAsksForThePassword() {
		ApiClient session = client();
		String email = signedInAccount(session);
		assertThat(changePassword(session, "guess 1").status()).isEqualTo(400);
		assertThat(session.post("/api/v1/me/email", Map.of("email", randomEmail(), "currentPassword", "guess 2")).status())
				.isEqualTo(400);
		assertThat(session.delete("/api/v1/me/totp", Map.of("currentPassword", "guess 3")).status()).isEqualTo(400);
		assertThat(session.post("/api/v1/me/erasure", Map.of("password", "guess 4")).status()).isEqualTo(400);
		assertThat(session.post("/api/v1/me/erasure", Map.of("password", "guess 5")).status()).isEqualTo(400);

		assertThat(session.post("/api/v1/me/erasure", Map.of("password", PASSWORD)).status()).isEqualTo(429);
		assertThat(session.get("/api/v1/me").status()).as("nothing was erased").isEqualTo(200);
		assertThat(email).isNotBlank();
	}

	/**
	 * Forty tabs of one session asking for a password change and an erasure at once: each is a wrong password or
	 * throttled, none finds the node out of database connections (each request used to hold one while its check
	 * waited for another: a 503 for everyone on the node, and no guess counted), and another person is served.
	 */
	@Test
	void fortyReauthenticationsAtOnceAreRefusedOrThrottledAndLeaveConnectionsForEveryoneElse() throws Exception {
		ApiClient session = client();
		signedInAccount(session);
		ApiClient bystander = client();
		signedInAccount(bystander);
		List<Integer> statuses = AtOnce.run(40, i -> {
			ApiClient tab = session.on(port);
			String guess = "guess " + i;
			return () -> (i % 2 == 0 ? changePassword(tab, guess)
					: tab.post("/api/v1/me/erasure", Map.of("password", guess))).status();
		}, () -> assertThat(bystander.get("/api/v1/me").status()).as("another person meanwhile").isEqualTo(200));
		assertThat(statuses).containsOnly(400, 429).contains(400, 429);
		assertThat(session.get("/api/v1/me").status()).as("nothing was erased").isEqualTo(200);
	}

	private static ApiClient.Response changePassword(ApiClient session, String current) {
		return session.post("/api/v1/me/password",
				Map.of("currentPassword", current, "newPassword", "a brand new passphrase 42"));
	}
}
