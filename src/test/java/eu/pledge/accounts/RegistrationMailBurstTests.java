package eu.pledge.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.AtOnce;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.People;
import eu.pledge.testing.SecondNode;

/**
 * Registering an address that already has an account mails its owner ("someone tried to register", or a new
 * confirmation link while it is unconfirmed) at most once a minute, also for forty registrations at once on two
 * nodes. Before, every registration mailed: a stranger could fill anyone's mailbox by registering their address
 * again and again. The answer is the same 201 as for a new address, so nothing tells whether the address is known.
 */
class RegistrationMailBurstTests extends HttpTest {

	@Autowired
	Environment environment;

	@Test
	void fortyRegistrationsOfAKnownAddressAtOnceOnTwoNodesMailItsOwnerOnce() throws Exception {
		ApiClient owner = client();
		String email = signedInAccount(owner);
		long mailsBefore = mailbox.count(email);
		Map<String, Object> registration = new HashMap<>(People.registration(email));

		List<Integer> answers;
		try (SecondNode other = SecondNode.of(environment, Map.of())) {
			answers = AtOnce.run(40, i -> {
				ApiClient stranger = new ApiClient(i % 2 == 0 ? port : other.port()).from(randomAddress());
				return () -> stranger.post("/api/v1/accounts", registration).status();
			});
		}

		assertThat(answers).as("as for a new address").containsOnly(201);
		mailbox.await(email, "Someone tried to register with your email address");
		Thread.sleep(1_000);
		assertThat(mailbox.count(email)).as("one mail to the owner").isEqualTo(mailsBefore + 1);

		clock.advance(Duration.ofMinutes(1).plusSeconds(1));
		assertThat(client().post("/api/v1/accounts", registration).status()).isEqualTo(201);
		assertThat(mailbox.count(email)).as("a minute later, one more").isGreaterThanOrEqualTo(mailsBefore + 1);
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
				.until(() -> mailbox.count(email) == mailsBefore + 2);
	}
}
