package eu.pledge;

import static eu.pledge.testing.People.PASSWORD;
import static eu.pledge.testing.People.registerAndVerify;
import static eu.pledge.testing.People.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.SecondNode;

/**
 * Two servers on one database, as production runs them: what one node decides, the other enforces within a second
 * — a block (the block refresh), an ended session, an erasure (what a node read a moment ago is reused for at most
 * {@code pledge.sessions.recheck-after}), a corrected profile ({@code pledge.accounts.recheck-after}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesTests extends HttpTest {

	private SecondNode other;

	@BeforeAll
	void startTheOtherNode() throws IOException {
		other = SecondNode.of(environment, Map.of());
	}

	@AfterAll
	void stopTheOtherNode() {
		other.close();
	}

	@Test
	void anAddressBlockedOnOneNodeIsTurnedAwayByTheOtherWithinASecond() {
		String attacker = randomAddress();
		ApiClient onOther = new ApiClient(other.port()).from(attacker);
		assertThat(onOther.get("/api/v1/me").status()).isEqualTo(401);
		for (int i = 0; i < 20; i++) {
			assertThat(signIn(client().from(attacker), randomEmail(), "guess " + i).status()).isEqualTo(401);
		}

		await().atMost(Duration.ofMillis(1500)).pollInterval(Duration.ofMillis(50))
				.until(() -> onOther.get("/api/v1/me").status() == 429);
	}

	@Test
	void aSessionEndedOnOneNodeIsRefusedByTheOtherWithinASecond() {
		ApiClient browser = client();
		String email = signedInAccount(browser);
		ApiClient sameBrowserOnOther = browser.on(other.port());
		assertThat(sameBrowserOnOther.get("/api/v1/me").status()).as("any node serves any session").isEqualTo(200);

		ApiClient secondDevice = client();
		assertThat(signIn(secondDevice, email, PASSWORD).status()).isEqualTo(200);
		assertThat(sameBrowserOnOther.get("/api/v1/me").status()).isEqualTo(200); // the other node has just read it
		assertThat(secondDevice.delete("/api/v1/me/sessions").status()).isEqualTo(200); // ends every other session

		// pledge.sessions.recheck-after (1 s): the other node may serve what it read a moment ago, no longer
		await().atMost(Duration.ofMillis(1500)).pollInterval(Duration.ofMillis(50))
				.until(() -> sameBrowserOnOther.get("/api/v1/me").status() == 401);
		assertThat(browser.get("/api/v1/me").status()).as("this node: at once").isEqualTo(401);
	}

	@Test
	void anErasureOnOneNodeIsInForceOnTheOtherWithinASecond() {
		String email = randomEmail();
		registerAndVerify(client(), mailbox, email);
		ApiClient onOther = new ApiClient(other.port()).from(randomAddress());
		assertThat(signIn(onOther, email, PASSWORD).status()).isEqualTo(200);
		ApiClient here = client();
		assertThat(signIn(here, email, PASSWORD).status()).isEqualTo(200);

		assertThat(here.post("/api/v1/me/erasure", Map.of("password", PASSWORD)).status()).isEqualTo(204);

		await().atMost(Duration.ofMillis(1500)).pollInterval(Duration.ofMillis(50))
				.until(() -> onOther.get("/api/v1/me").status() == 401);
		assertThat(signIn(new ApiClient(other.port()).from(randomAddress()), email, PASSWORD).status()).isEqualTo(401);
	}

	@Test
	void aProfileCorrectedOnOneNodeIsShownByTheOtherWithinASecond() {
		ApiClient browser = client();
		signedInAccount(browser);
		ApiClient onOther = browser.on(other.port());
		assertThat(onOther.get("/api/v1/me").json().get("name").asString()).isNotEqualTo("Corrected Name");

		assertThat(browser.patch("/api/v1/me", Map.of("name", "Corrected Name")).status()).isEqualTo(200);
		assertThat(browser.get("/api/v1/me").json().get("name").asString()).as("this node: at once")
			.isEqualTo("Corrected Name");
		await().atMost(Duration.ofMillis(1500)).pollInterval(Duration.ofMillis(50))
				.until(() -> "Corrected Name".equals(onOther.get("/api/v1/me").json().get("name").asString()));
	}
}
