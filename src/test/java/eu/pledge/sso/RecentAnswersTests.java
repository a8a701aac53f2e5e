package eu.pledge.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import eu.pledge.access.AccessFixture;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.SecondNode;

/**
 * Userinfo and introspection reuse what a node checked within {@code pledge.sso.recheck-after} (1 s): a change on
 * this node shows at once, a change made on another node within the second.
 */
class RecentAnswersTests extends AccessFixture {

	private ApiClient system;

	@BeforeEach
	void system() {
		system = client();
	}

	private record SignedIn(Person person, SsoFlow.Client client, SsoFlow.Tokens tokens, String contract) {
	}

	private SignedIn signedIn(ApiClient admin) {
		String organization = organization(admin);
		String contract = contract(admin, organization, 10, Instant.now().minus(Duration.ofDays(1)),
				Instant.now().plus(Duration.ofDays(30)), Map.of("crm", "viewer"));
		Person person = member(admin, organization, "MEMBER");
		SsoFlow.Client crm = SsoFlow.register(admin, "crm", Map.of());
		String verifier = SsoFlow.verifier();
		SsoFlow.Tokens tokens = SsoFlow.exchange(system, crm,
				SsoFlow.code(person.client(), crm, "openid profile", verifier), verifier);
		assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
		return new SignedIn(person, crm, tokens, contract);
	}

	@Test
	void aCorrectedNameShowsAtOnceOnTheNodeThatCorrectedIt() {
		SignedIn signedIn = signedIn(admin());
		assertThat(SsoFlow.userInfo(system, signedIn.tokens().access()).json().get("name").asString())
				.isNotEqualTo("Renamed Person");
		assertThat(signedIn.person().client().patch("/api/v1/me", Map.of("name", "Renamed Person")).status())
				.isEqualTo(200);
		assertThat(SsoFlow.userInfo(system, signedIn.tokens().access()).json().get("name").asString())
				.isEqualTo("Renamed Person");
	}

	private ApiClient.Response introspect(SsoFlow.Client client, String token) {
		return system.send("POST", "/oauth2/introspect", "token=" + token, Map.of("Content-Type",
				"application/x-www-form-urlencoded", "Authorization", client.basic()));
	}

	private boolean active(SsoFlow.Client client, String token) {
		ApiClient.Response answer = introspect(client, token);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.json().get("active").asBoolean();
	}

	@Test
	void introspectionAnswersFromWhatThisNodeCheckedAndSeesAnotherNodesRevocationWithinASecond() {
		SignedIn signedIn = signedIn(admin());
		assertThat(active(signedIn.client(), signedIn.tokens().access())).isTrue();
		long checked = System.nanoTime();
		// Another node revokes the sign-in: its row is gone from the database, and nothing tells this node.
		assertThat(jdbc.sql("DELETE FROM oauth2_authorization WHERE registered_client_id = (SELECT id FROM "
				+ "oauth2_registered_client WHERE client_id = ?)").param(signedIn.client().clientId()).update())
				.isEqualTo(1);
		boolean fromMemory = active(signedIn.client(), signedIn.tokens().access());
		Duration since = Duration.ofNanos(System.nanoTime() - checked);
		assumeTrue(since.compareTo(Duration.ofMillis(800)) < 0, "the machine took " + since + " for one request");
		assertThat(fromMemory).as("answered from what this node checked %s ago", since).isTrue();
		long start = System.nanoTime();
		await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
				.until(() -> !active(signedIn.client(), signedIn.tokens().access()));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("recheck-after is 1 s")
				.isLessThan(Duration.ofMillis(2000));
	}

	@Test
	void aRevocationOnThisNodeEndsAnIntrospectedTokenAtOnce() {
		SignedIn signedIn = signedIn(admin());
		assertThat(active(signedIn.client(), signedIn.tokens().access())).isTrue();
		assertThat(active(signedIn.client(), signedIn.tokens().refresh())).as("a refresh token is still read as before")
				.isTrue();
		ApiClient.Response revoked = system.send("POST", "/oauth2/revoke", "token=" + signedIn.tokens().refresh(),
				Map.of("Content-Type", "application/x-www-form-urlencoded", "Authorization", signedIn.client().basic()));
		assertThat(revoked.status()).isEqualTo(200);
		assertThat(active(signedIn.client(), signedIn.tokens().access())).isFalse();
		assertThat(active(signedIn.client(), signedIn.tokens().refresh())).isFalse();
		assertThat(SsoFlow.userInfo(system, signedIn.tokens().access()).status()).isEqualTo(401);
	}

	@Test
	void aContractSuspendedOnAnotherNodeStopsTheTokensHereWithinASecond() throws Exception {
		ApiClient admin = admin();
		SignedIn signedIn = signedIn(admin);
		try (SecondNode other = SecondNode.of(environment, Map.of())) {
			assertThat(SsoFlow.userInfo(system, signedIn.tokens().access()).status()).isEqualTo(200);
			ApiClient.Response suspended = admin.on(other.port()).patch("/api/v1/admin/contracts/" + signedIn.contract(),
					Map.of("status", "SUSPENDED"));
			assertThat(suspended.status()).as(suspended.body()).isEqualTo(200);
			long start = System.nanoTime();
			await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
					.until(() -> SsoFlow.userInfo(system, signedIn.tokens().access()).status() == 401);
			Duration seen = Duration.ofNanos(System.nanoTime() - start);
			assertThat(seen).as("recheck-after is 1 s; the rest is the requests' own time").isLessThan(Duration.ofMillis(2000));
			assertThat(active(signedIn.client(), signedIn.tokens().access())).as("introspection asks the same").isFalse();
			assertThat(SsoFlow.refresh(system, signedIn.client(), signedIn.tokens().refresh()).status()).isEqualTo(400);
		}
	}
}
