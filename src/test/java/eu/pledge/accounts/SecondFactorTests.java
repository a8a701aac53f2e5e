package eu.pledge.accounts;

import static eu.pledge.testing.People.PASSWORD;
import static eu.pledge.testing.People.registerAndVerify;
import static eu.pledge.testing.People.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.AtOnce;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.SecondNode;
import tools.jackson.databind.JsonNode;

/** TOTP enrolment, sign-in with the second factor, replay refusal and one-time recovery codes. */
class SecondFactorTests extends HttpTest {

	private String code(String secret) {
		return Totp.code(secret, Totp.stepAt(clock.instant()));
	}

	private Map<String, Object> signInWith(String email, String totp) {
		Map<String, Object> body = new HashMap<>(Map.of("email", email, "password", PASSWORD));
		body.put("totp", totp);
		return body;
	}

	@Test
	void withTotpOnSignInNeedsTheCodeEachCodeWorksOnceAndRecoveryCodesWorkOnce() {
		ApiClient client = client();
		String email = signedInAccount(client);

		ApiClient.Response enrolment = client.post("/api/v1/me/totp", null);
		assertThat(enrolment.status()).isEqualTo(201);
		String secret = enrolment.json().get("secret").asString();
		assertThat(enrolment.json().get("qrCode").asString()).startsWith("data:image/png;base64,");
		assertThat(enrolment.json().get("otpauthUri").asString()).startsWith("otpauth://totp/Pledge:");

		assertThat(client.post("/api/v1/me/totp/confirmation", Map.of("code", "000000")).status()).isEqualTo(400);
		ApiClient.Response confirmed = client.post("/api/v1/me/totp/confirmation", Map.of("code", code(secret)));
		assertThat(confirmed.status()).isEqualTo(200);
		JsonNode recovery = confirmed.json().get("recoveryCodes");
		assertThat(recovery.size()).isEqualTo(10);
		mailbox.await(email, "Two-step sign-in is on");

		ApiClient.Response withoutCode = signIn(client(), email, PASSWORD);
		assertThat(withoutCode.status()).isEqualTo(401);
		assertThat(withoutCode.json().get("secondFactorRequired").asBoolean()).isTrue();

		clock.advance(Duration.ofSeconds(30));
		String current = code(secret);
		ApiClient phone = client();
		assertThat(phone.post("/api/v1/session", signInWith(email, current)).status()).isEqualTo(200);
		assertThat(phone.get("/api/v1/me").json().get("secondFactor").asBoolean()).isTrue();
		ApiClient.Response again = client().post("/api/v1/session", signInWith(email, current));
		assertThat(again.status()).as("the same code is refused a second time").isEqualTo(401);
		assertThat(again.json().get("detail").asString()).as("and the API says why, as the form does")
				.isEqualTo("This code was just used, and a code works only once. Wait for the next code in your app.");
		ApiClient.Response wrong = client().post("/api/v1/session", signInWith(email, "000000".equals(current) ? "111111" : "000000"));
		assertThat(wrong.json().get("detail").asString()).as("a wrong code is not called used").doesNotContain("only once");

		String recoveryCode = recovery.get(0).asString();
		assertThat(client().post("/api/v1/session", signInWith(email, recoveryCode.toUpperCase())).status()).isEqualTo(200);
		ApiClient.Response spent = client().post("/api/v1/session", signInWith(email, recoveryCode));
		assertThat(spent.status()).isEqualTo(401);
		assertThat(spent.json().get("detail").asString())
				.isEqualTo("This recovery code was already used, and each recovery code works only once. Use another one.");
		assertThat(client().post("/api/v1/session", signInWith(email, recovery.get(1).asString())).status())
				.as("the others still work").isEqualTo(200);
	}

	/**
	 * Forty starts of the set-up at once, half on a second node (a double click, a client retrying, two tabs), answer
	 * one secret, and it is the one that works; a start after the set-up was abandoned for longer than
	 * {@link Credentials#TOTP_SET_UP_KEPT} makes a new one. Before, each start made a secret of its own and only the
	 * last one stored worked.
	 */
	@Test
	void fortyStartsAtOnceOnTwoNodesShowOneSecretThatWorks() throws Exception {
		ApiClient client = client();
		signedInAccount(client);
		List<ApiClient.Response> answers;
		try (SecondNode other = SecondNode.of(environment, Map.of())) {
			answers = AtOnce.run(40, i -> {
				ApiClient tab = client.on(i % 2 == 0 ? port : other.port());
				return () -> tab.post("/api/v1/me/totp", null);
			});
		}
		assertThat(answers).extracting(ApiClient.Response::status).containsOnly(201);
		Set<String> secrets = answers.stream().map(answer -> answer.json().get("secret").asString())
			.collect(Collectors.toSet());
		assertThat(secrets).as("one secret shown").hasSize(1);
		String secret = secrets.iterator().next();

		clock.advance(Credentials.TOTP_SET_UP_KEPT.minusSeconds(30));
		assertThat(client.post("/api/v1/me/totp", null).json().get("secret").asString())
			.as("shown again while the set-up is pending").isEqualTo(secret);
		clock.advance(Duration.ofMinutes(1));
		String renewed = client.post("/api/v1/me/totp", null).json().get("secret").asString();
		assertThat(renewed).as("an abandoned set-up replaced").isNotEqualTo(secret);
		assertThat(client.post("/api/v1/me/totp/confirmation", Map.of("code", code(secret))).status())
			.as("the abandoned secret no longer counts").isEqualTo(400);
		assertThat(client.post("/api/v1/me/totp/confirmation", Map.of("code", code(renewed))).status()).isEqualTo(200);
	}

	@Test
	void theSecondFactorIsRemovedOnlyWithTheCurrentPassword() {
		ApiClient client = client();
		String email = signedInAccount(client);
		String secret = client.post("/api/v1/me/totp", null).json().get("secret").asString();
		client.post("/api/v1/me/totp/confirmation", Map.of("code", code(secret)));

		assertThat(client.delete("/api/v1/me/totp", Map.of("currentPassword", "wrong password!!")).status()).isEqualTo(400);
		assertThat(client.delete("/api/v1/me/totp", Map.of("currentPassword", PASSWORD)).status()).isEqualTo(204);
		assertThat(signIn(client(), email, PASSWORD).status()).isEqualTo(200);
		assertThat(List.of(mailbox.await(email, "Two-step sign-in was turned off"))).isNotEmpty();
	}
}
