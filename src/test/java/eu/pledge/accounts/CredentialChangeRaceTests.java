package eu.pledge.accounts;

import static eu.pledge.testing.People.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.AtOnce;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.People;

/**
 * The same credential change forty times at once from one session (tabs, a client retrying): those that get
 * through take turns, one that meets another's change is told at once that the account was being changed (409
 * with Retry-After) instead of queueing for its row with a database connection, which left the change itself
 * without the connections it needs (500s on a lock timeout, 503s for everyone on the node); the rest are
 * throttled like sign-in attempts or find the password already changed.
 */
class CredentialChangeRaceTests extends HttpTest {

	private static final String NEW_PASSWORD = "a brand new passphrase 42";

	@Test
	void fortyPasswordChangesAtOnceChangeItWithoutAServerErrorForAnyone() throws Exception {
		ApiClient session = client();
		String email = signedInAccount(session);
		ApiClient bystander = client();
		signedInAccount(bystander);

		List<ApiClient.Response> answers = AtOnce.run(40, i -> {
			ApiClient tab = session.on(port);
			return () -> tab.post("/api/v1/me/password", Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD));
		}, () -> assertThat(bystander.get("/api/v1/me").status()).as("another person meanwhile").isEqualTo(200));

		// 400: a tab that checked the current password after a change had made it the old one; 429: throttled;
		// 401: a tab that came after a change had given the session a new id (a change of privilege does)
		assertThat(answers).extracting(ApiClient.Response::status).isSubsetOf(204, 409, 400, 401, 429);
		// one tab changes it; one checked against the old password before that change committed is told so (409)
		// instead of changing it again and mailing again
		assertThat(answers).filteredOn(answer -> answer.status() == 204).as("changed once").hasSize(1);
		assertThat(answers).filteredOn(answer -> answer.status() == 409).allSatisfy(answer -> {
			String detail = answer.json().get("detail").asString();
			assertThat(detail).containsAnyOf("being changed by another request", "was just changed by another request");
			if (detail.contains("being changed")) { // at that very moment: try again
				assertThat(answer.header("Retry-After")).isEqualTo("1");
			}
		});
		Thread.sleep(1_500); // a second mail would be queued by now
		assertThat(mailbox.countsByRecipientAndSubject().get(email + " | Your password was changed")).as("one mail")
				.isEqualTo(1);
		// later: the tabs that guessed with the old password after the change have throttled the account
		clock.advance(java.time.Duration.ofHours(1));
		assertThat(People.signIn(client().from(randomAddress()), email, NEW_PASSWORD).status()).isEqualTo(200);
		assertThat(People.signIn(client().from(randomAddress()), email, PASSWORD).status()).isEqualTo(401);
	}
}
