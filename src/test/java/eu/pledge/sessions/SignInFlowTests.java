package eu.pledge.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;

/** Register → mailed link → sign in → profile → sign out, through the JSON API over real HTTP and SMTP. */
class SignInFlowTests extends HttpTest {

	static final String PASSWORD = "correct horse battery staple";

	@Autowired
	JdbcClient jdbc;

	static Map<String, Object> registration(String email) {
		return Map.of("name", "Ada Lovelace", "email", email, "password", PASSWORD, "address",
				Map.of("street", "Ockham Street 1", "postalCode", "1000", "city", "Brussels", "country", "BE"));
	}

	/** Registers and verifies through the mailed link; returns a client that is not yet signed in. */
	ApiClient verifiedAccount(String email) {
		ApiClient client = client();
		assertThat(client.post("/api/v1/accounts", registration(email)).status()).isEqualTo(201);
		String token = mailbox.token(email, "Confirm your email address");
		assertThat(client.post("/api/v1/accounts/verification", Map.of("token", token)).status()).isEqualTo(204);
		return client;
	}

	@Test
	void aPersonRegistersConfirmsSignsInSeesTheirProfileAndSignsOut() {
		String email = randomEmail();
		ApiClient client = verifiedAccount(email);

		ApiClient.Response signIn = client.post("/api/v1/session", Map.of("email", email, "password", PASSWORD));
		assertThat(signIn.status()).isEqualTo(200);
		String cookie = signIn.header("Set-Cookie");
		assertThat(cookie).startsWith("__Host-pledge-session=").contains("HttpOnly").contains("Secure")
				.contains("SameSite=Lax").contains("Path=/");

		ApiClient.Response me = client.get("/api/v1/me");
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.json().get("name").asString()).isEqualTo("Ada Lovelace");
		assertThat(me.json().get("email").asString()).isEqualTo(email);
		assertThat(me.json().get("address").get("city").asString()).isEqualTo("Brussels");

		assertThat(client.delete("/api/v1/session").status()).isEqualTo(204);
		assertThat(client.get("/api/v1/me").status()).isEqualTo(401);
	}

	@Test
	void theSessionIdChangesAtSignInAndTheOldOneIsWorthless() {
		String email = randomEmail();
		ApiClient client = verifiedAccount(email);
		client.get("/login"); // an anonymous session, as a browser would have from the form
		String before = client.cookies().get("__Host-pledge-session");
		client.post("/api/v1/session", Map.of("email", email, "password", PASSWORD));
		String after = client.cookies().get("__Host-pledge-session");
		assertThat(after).isNotNull().isNotEqualTo(before);

		ApiClient attacker = client().userAgent("fixation");
		attacker.cookies().put("__Host-pledge-session", before);
		assertThat(attacker.get("/api/v1/me").status()).isEqualTo(401);
	}

	@Test
	void unknownEmailWrongPasswordAndUnconfirmedAccountGetTheSameAnswer() {
		String verified = randomEmail();
		verifiedAccount(verified);
		String unconfirmed = randomEmail();
		client().post("/api/v1/accounts", registration(unconfirmed));

		ApiClient.Response unknown = client().post("/api/v1/session", Map.of("email", randomEmail(), "password", PASSWORD));
		ApiClient.Response wrong = client().post("/api/v1/session", Map.of("email", verified, "password", "not the password at all"));
		ApiClient.Response pending = client().post("/api/v1/session", Map.of("email", unconfirmed, "password", PASSWORD));

		assertThat(unknown.status()).isEqualTo(401);
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(pending.status()).isEqualTo(401);
		assertThat(wrong.json().get("detail")).isEqualTo(unknown.json().get("detail")).isEqualTo(pending.json().get("detail"));
	}

	@Test
	void sessionsAreListedWithTheirDeviceAndCanBeEnded() {
		String email = randomEmail();
		verifiedAccount(email);
		ApiClient laptop = client().userAgent("Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0");
		ApiClient phone = client().userAgent("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1");
		laptop.post("/api/v1/session", Map.of("email", email, "password", PASSWORD));
		phone.post("/api/v1/session", Map.of("email", email, "password", PASSWORD));

		ApiClient.Response list = laptop.get("/api/v1/me/sessions");
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json().size()).isEqualTo(2);
		assertThat(list.json().get(0).get("current").asBoolean()).isTrue();
		assertThat(list.json().get(0).get("device").asString()).isEqualTo("Firefox 131 on Linux");
		String phoneId = list.json().get(1).get("id").asString();
		assertThat(list.json().get(1).get("device").asString()).isEqualTo("Safari 17 on iOS");

		assertThat(laptop.delete("/api/v1/me/sessions/" + phoneId).status()).isEqualTo(204);
		assertThat(phone.get("/api/v1/me").status()).isEqualTo(401);
		assertThat(laptop.get("/api/v1/me").status()).isEqualTo(200);
		assertThat(laptop.delete("/api/v1/me/sessions/" + phoneId).status()).isEqualTo(404);
	}

	@Test
	void aSessionEndsAfterTheIdleTimeoutAndAfterTheAbsoluteTimeout() {
		String email = randomEmail();
		ApiClient client = verifiedAccount(email);
		client.post("/api/v1/session", Map.of("email", email, "password", PASSWORD));
		// Spring Session measures idle time with the system clock, so force the stored expiry into the past.
		jdbc.sql("UPDATE spring_session SET last_access_time = last_access_time - 1860000, expiry_time = expiry_time - 1860000 WHERE principal_name IS NOT NULL AND session_id = :id")
				.param("id", client.cookies().get("__Host-pledge-session")).update();
		assertThat(client.get("/api/v1/me").status()).isEqualTo(401);

		client.post("/api/v1/session", Map.of("email", email, "password", PASSWORD));
		assertThat(client.get("/api/v1/me").status()).isEqualTo(200);
		String account = client.get("/api/v1/me").json().get("id").asString();
		clock.advance(java.time.Duration.ofHours(12).plusMinutes(1));
		assertThat(client.get("/api/v1/me").status()).isEqualTo(401);
		assertThat(jdbc.sql("""
				SELECT COUNT(*) FROM audit_events WHERE action = 'session.ended' AND target_id = :account
				AND detail LIKE '%TIMED_OUT%'""").param("account", account).query(Long.class).single())
			.as("the absolute timeout is in the audit trail").isEqualTo(1);
	}
}
