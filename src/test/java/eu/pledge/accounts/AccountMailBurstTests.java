package eu.pledge.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.AtOnce;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.People;
import eu.pledge.testing.SecondNode;

/**
 * Mails that anyone can make Pledge send to an account's address go out at most once a minute per account, also
 * when forty requests arrive at once on two nodes from forty addresses (a burst meant to fill someone's mailbox),
 * and every answer is the one an unknown address gets, so the burst tells nothing about the address either.
 * Before, each request checked for a mail of the last minute before any had written one (reset links: four to
 * forty mails), or mailed without a limit at all (a registration of a taken address: forty mails).
 */
class AccountMailBurstTests extends HttpTest {

	@Autowired
	Environment environment;

	@Test
	void fortyResetRequestsAtOnceOnTwoNodesMailOneLinkAndAnswerAlike() throws Exception {
		String email = signedInAccount(client());
		long mailsBefore = mailbox.count(email);
		String nobody = randomEmail();

		List<Integer> answers = fortyStrangersAtOnce("/api/v1/password-reset",
				i -> Map.of("email", i % 4 == 3 ? nobody : email));

		assertThat(answers).as("the same answer for every request, account or not").containsOnly(202);
		mailbox.await(email, "Reset your password");
		Thread.sleep(1_000); // a second link would be queued by now
		assertThat(mailbox.count(email)).as("one link mailed").isEqualTo(mailsBefore + 1);
	}

	@Test
	void fortyRegistrationsOfATakenAddressAtOnceOnTwoNodesMailItsOwnerOnce() throws Exception {
		String email = signedInAccount(client());
		long mailsBefore = mailbox.count(email);
		Map<String, Object> registration = new HashMap<>(People.registration(email));

		List<Integer> answers = fortyStrangersAtOnce("/api/v1/accounts", i -> registration);

		assertThat(answers).as("as for a new address").containsOnly(201);
		mailbox.await(email, "Someone tried to register with your email address");
		Thread.sleep(1_000);
		assertThat(mailbox.count(email)).as("one mail to the owner").isEqualTo(mailsBefore + 1);

		clock.advance(Duration.ofMinutes(1).plusSeconds(1));
		assertThat(client().post("/api/v1/accounts", registration).status()).isEqualTo(201);
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.count(email) == mailsBefore + 2);
	}

	/** The {@code i}th body posted to {@code path} by a stranger of its own address, forty at once, half on a second node. */
	private List<Integer> fortyStrangersAtOnce(String path, IntFunction<Map<String, ?>> body) throws Exception {
		try (SecondNode other = SecondNode.of(environment, Map.of())) {
			return AtOnce.run(40, i -> {
				ApiClient stranger = new ApiClient(i % 2 == 0 ? port : other.port()).from(randomAddress());
				Map<String, ?> sent = body.apply(i);
				return () -> stranger.post(path, sent).status();
			});
		}
	}
}
