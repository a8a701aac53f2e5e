package eu.pledge.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import eu.pledge.access.AccessFixture;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.AtOnce;
import tools.jackson.databind.JsonNode;

/**
 * When a person's sign-in to a system ends, its tokens stop at once and the system is told by a logout token
 * (OpenID Connect Back-Channel Logout), delivered with retries from the database.
 */
class BackChannelLogoutTests extends AccessFixture {

	private ApiClient system;

	@BeforeEach
	void system() {
		system = client();
	}

	private record SignedIn(Person person, SsoFlow.Client client, SsoFlow.Tokens tokens, String organization) {
	}

	private SignedIn signedIn(ApiClient admin, LogoutReceiver receiver) {
		String organization = organization(admin);
		contract(admin, organization, 10, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)),
				Map.of("crm", "viewer"));
		Person person = member(admin, organization, "MEMBER");
		SsoFlow.Client crm = SsoFlow.register(admin, "crm", Map.of("backchannelLogoutUri", receiver.uri()));
		String verifier = SsoFlow.verifier();
		SsoFlow.Tokens tokens = SsoFlow.exchange(system, crm, SsoFlow.code(person.client(), crm, "openid", verifier),
				verifier);
		assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
		return new SignedIn(person, crm, tokens, organization);
	}

	private static void isLogoutTokenFor(String token, SignedIn signedIn) {
		JsonNode claims = SsoFlow.payload(token);
		assertThat(claims.get("sub").asString()).isEqualTo(signedIn.tokens().idToken().get("sub").asString());
		assertThat(claims.get("aud").toString()).contains(signedIn.client().clientId());
		assertThat(claims.get("events").has(Logouts.EVENT)).isTrue();
		assertThat(claims.has("nonce")).isFalse();
		assertThat(claims.has("jti")).isTrue();
		assertThat(SsoFlow.header(token).get("typ").asString()).isEqualTo("logout+jwt");
	}

	@Test
	void signingOutOfPledgeSignsThePersonOutOfTheSystem() throws Exception {
		try (LogoutReceiver receiver = new LogoutReceiver()) {
			SignedIn signedIn = signedIn(admin(), receiver);
			assertThat(signedIn.person().client().delete("/api/v1/session").status()).isEqualTo(204);

			await().atMost(Duration.ofSeconds(10)).until(() -> receiver.tokens.size() == 1);
			isLogoutTokenFor(receiver.tokens.get(0), signedIn);
			assertThat(SsoFlow.refresh(system, signedIn.client(), signedIn.tokens().refresh()).status()).isEqualTo(400);
			assertThat(SsoFlow.userInfo(system, signedIn.tokens().access()).status()).isEqualTo(401);
			Thread.sleep(1_000);
			assertThat(receiver.tokens).as("told once").hasSize(1);
		}
	}

	@Test
	void aSystemThatDoesNotAnswerIsToldAgainLater() throws Exception {
		try (LogoutReceiver receiver = new LogoutReceiver()) {
			receiver.failFirst.set(1);
			SignedIn signedIn = signedIn(admin(), receiver);
			signedIn.person().client().delete("/api/v1/session");

			await().atMost(Duration.ofSeconds(10)).until(() -> receiver.failFirst.get() < 0 || receiver.failFirst.get() == 0);
			Thread.sleep(500);
			assertThat(receiver.tokens).as("not yet: the next attempt is 5 s later").isEmpty();
			clock.advance(Duration.ofSeconds(6));
			await().atMost(Duration.ofSeconds(10)).until(() -> receiver.tokens.size() == 1);
			isLogoutTokenFor(receiver.tokens.get(0), signedIn);
		}
	}

	@Test
	void whenTheContractEndsTokensStopAtOnceAndTheSystemIsTold() throws Exception {
		try (LogoutReceiver receiver = new LogoutReceiver()) {
			ApiClient admin = admin();
			SignedIn signedIn = signedIn(admin, receiver);
			assertThat(SsoFlow.userInfo(system, signedIn.tokens().access()).status()).isEqualTo(200);
			String contract = jdbc.sql("SELECT id FROM access_contracts WHERE organization_id = ?")
					.param(java.util.UUID.fromString(signedIn.organization())).query(String.class).single();
			ApiClient.Response suspended = admin.patch("/api/v1/admin/contracts/" + contract,
					Map.of("status", "SUSPENDED"));
			assertThat(suspended.status()).as(suspended.body()).isEqualTo(200);

			assertThat(SsoFlow.userInfo(system, signedIn.tokens().access()).status()).isEqualTo(401);
			ApiClient.Response introspected = system.send("POST", "/oauth2/introspect",
					"token=" + signedIn.tokens().access(), Map.of("Content-Type", "application/x-www-form-urlencoded",
							"Authorization", signedIn.client().basic()));
			assertThat(introspected.json().get("active").asBoolean()).isFalse();
			await().atMost(Duration.ofSeconds(10)).until(() -> receiver.tokens.size() == 1);
			isLogoutTokenFor(receiver.tokens.get(0), signedIn);
		}
	}

	@Test
	void aRestrictedAccountsTokensStopAndErasureTellsTheSystem() throws Exception {
		try (LogoutReceiver receiver = new LogoutReceiver()) {
			SignedIn signedIn = signedIn(admin(), receiver);
			assertThat(signedIn.person().client().post("/api/v1/me/restriction", Map.of()).status()).isEqualTo(200);
			assertThat(SsoFlow.userInfo(system, signedIn.tokens().access()).status()).isEqualTo(401);
			assertThat(SsoFlow.refresh(system, signedIn.client(), signedIn.tokens().refresh()).status()).isEqualTo(400);
			await().atMost(Duration.ofSeconds(10)).until(() -> receiver.tokens.size() == 1);
		}
	}

	@Test
	void erasingTheAccountTellsTheSystemAndLeavesNoAuthorization() throws Exception {
		try (LogoutReceiver receiver = new LogoutReceiver()) {
			SignedIn signedIn = signedIn(admin(), receiver);
			ApiClient.Response erased = signedIn.person().client().post("/api/v1/me/erasure",
					Map.of("password", eu.pledge.testing.People.PASSWORD));
			assertThat(erased.status()).as(erased.body()).isEqualTo(204);
			await().atMost(Duration.ofSeconds(10)).until(() -> receiver.tokens.size() == 1);
			isLogoutTokenFor(receiver.tokens.get(0), signedIn);
			assertThat(jdbc.sql("SELECT COUNT(*) FROM oauth2_authorization WHERE principal_name = ?")
					.param(signedIn.person().id().toString()).query(Long.class).single()).isZero();
			assertThat(SsoFlow.refresh(system, signedIn.client(), signedIn.tokens().refresh()).status()).isEqualTo(400);
		}
	}

	@Test
	void fortyAttemptsToEndTheSameSignInQueueOneLogout() throws Exception {
		try (LogoutReceiver receiver = new LogoutReceiver()) {
			SignedIn signedIn = signedIn(admin(), receiver);
			String authorization = jdbc.sql("SELECT id FROM oauth2_authorization WHERE principal_name = ?")
					.param(signedIn.person().id().toString()).query(String.class).single();
			Logouts logouts = logouts();
			assertThat(AtOnce.times(40, () -> logouts.end(authorization, Logouts.Reason.SIGNED_OUT_OF_SYSTEM)))
					.containsOnlyOnce(true);
			await().atMost(Duration.ofSeconds(10)).until(() -> receiver.tokens.size() == 1);
			Thread.sleep(1_000);
			assertThat(receiver.tokens).hasSize(1);
		}
	}

	@org.springframework.beans.factory.annotation.Autowired
	private org.springframework.context.ApplicationContext context;

	private Logouts logouts() {
		return context.getBean(Logouts.class);
	}
}
