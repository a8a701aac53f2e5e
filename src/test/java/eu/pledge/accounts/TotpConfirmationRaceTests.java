package eu.pledge.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.AtOnce;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.People;
import eu.pledge.testing.SecondNode;

/**
 * The confirmation of a new authenticator sent forty times at once with the right code (a double click, tabs, a
 * client retrying), half of it to a second node: two-step sign-in is turned on once, with one set of recovery
 * codes, and that is the set the one successful answer shows. Before, each confirmation replaced the codes of the
 * one before it: forty answers showed forty different sets, of which only the last written worked, and forty mails
 * said "Two-step sign-in is on".
 */
class TotpConfirmationRaceTests extends HttpTest {

	@Test
	void fortyConfirmationsAtOnceTurnItOnOnceAndTheCodesShownWork() throws Exception {
		ApiClient person = client();
		String email = signedInAccount(person);
		String secret = person.post("/api/v1/me/totp", null).json().get("secret").asString();
		String code = TotpCodes.code(secret, clock.instant(), 0);
		long mailsBefore = mailbox.count(email);

		List<ApiClient.Response> answers;
		try (SecondNode other = SecondNode.of(environment, Map.of())) {
			answers = AtOnce.run(40, i -> {
				ApiClient tab = person.on(i % 2 == 0 ? port : other.port());
				return () -> tab.post("/api/v1/me/totp/confirmation", Map.of("code", code));
			});
		}

		List<ApiClient.Response> confirmed = answers.stream().filter(answer -> answer.status() == 200).toList();
		assertThat(confirmed).as("one confirmation turns it on").hasSize(1);
		// 401: a tab that came after the confirmation had given the session a new id (a change of privilege does)
		assertThat(answers).extracting(ApiClient.Response::status).as("the others are told it is on, or to try again")
				.isSubsetOf(200, 409, 401);
		assertThat(answers).filteredOn(answer -> answer.status() == 409).extracting(answer -> answer.json().get("detail").asString())
				.allSatisfy(detail -> assertThat(detail).containsAnyOf("already on", "being changed by another request"));
		mailbox.await(email, "Two-step sign-in is on");
		Thread.sleep(1_000); // any further mail is queued in the same transactions: give the queue a moment
		assertThat(mailbox.count(email)).as("one mail: two-step sign-in is on").isEqualTo(mailsBefore + 1);

		// every code the one answer showed signs in as the second step
		String recovery = confirmed.get(0).json().get("recoveryCodes").get(0).asString();
		ApiClient fresh = client();
		ApiClient.Response signIn = fresh.post("/api/v1/session",
				Map.of("email", email, "password", People.PASSWORD, "totp", recovery));
		assertThat(signIn.status()).as(signIn.body()).isEqualTo(200);
	}
}
