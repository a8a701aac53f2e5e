package eu.pledge.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.AtOnce;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.SecondNode;

/**
 * A reset link is mailed at most once a minute per account, also when forty requests for it arrive at once on two
 * nodes (from forty addresses: a burst meant to fill someone's mailbox). Before, each request checked for a link of
 * the last minute before any had written one, and forty links were mailed. Every answer stays the same 202 whether
 * the address has an account or not, so the burst tells nothing about the address either.
 */
class PasswordResetBurstTests extends HttpTest {

	@Autowired
	Environment environment;

	@Test
	void fortyResetRequestsAtOnceOnTwoNodesMailOneLinkAndAnswerAlike() throws Exception {
		ApiClient person = client();
		String email = signedInAccount(person);
		long mailsBefore = mailbox.count(email);
		String nobody = randomEmail();

		List<Integer> answers;
		try (SecondNode other = SecondNode.of(environment, Map.of())) {
			answers = AtOnce.run(40, i -> {
				ApiClient stranger = new ApiClient(i % 2 == 0 ? port : other.port()).from(randomAddress());
				String address = i % 4 == 3 ? nobody : email;
				return () -> stranger.post("/api/v1/password-reset", Map.of("email", address)).status();
			});
		}

		assertThat(answers).as("the same answer for every request, account or not").containsOnly(202);
		mailbox.await(email, "Reset your password");
		Thread.sleep(1_000); // a second link would be queued by now
		assertThat(mailbox.count(email)).as("one link mailed").isEqualTo(mailsBefore + 1);
	}
}
