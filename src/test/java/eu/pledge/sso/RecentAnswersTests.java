package eu.pledge.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import eu.pledge.access.AccessFixture;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.SecondNode;

/**
 * Userinfo and introspection reuse what a node checked within {@code pledge.sso.recheck-after} (1 s): a change on
 * this node shows at once, a change made on another node within the second.
 */
class RecentAnswersTests extends AccessFixture {

	@Autowired
	Environment environment;

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
			assertThat(SsoFlow.refresh(system, signedIn.client(), signedIn.tokens().refresh()).status()).isEqualTo(400);
		}
	}
}
