package eu.pledge.accounts;

import static eu.pledge.testing.People.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import eu.pledge.testing.ApiClient;
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

	private static ApiClient.Response changePassword(ApiClient session, String current) {
		return session.post("/api/v1/me/password",
				Map.of("currentPassword", current, "newPassword", "a brand new passphrase 42"));
	}
}
