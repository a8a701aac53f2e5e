package eu.pledge.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.AtOnce;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.SecondNode;

/**
 * The same change of one's own profile or preferences sent forty times at once (tabs, a client retrying), half of it
 * to a second node, changes them once: one "was changed" mail, not forty; and a change to what is already stored
 * changes nothing and mails nothing. Before, every save mailed the person, forty at once forty mails.
 */
class RepeatedChangesTests extends HttpTest {

	@Test
	void theSameProfileCorrectionFortyTimesAtOnceMailsOnce() throws Exception {
		ApiClient person = client();
		String email = signedInAccount(person);
		Map<String, Object> correction = Map.of("name", "Ada Corrected", "address", Map.of("street", "Main St 2",
				"postalCode", "10115", "city", "Berlin", "country", "DE"));

		assertThat(fortyAtOnce(person, "PATCH", "/api/v1/me", correction)).containsOnly(200);
		assertThat(mailsOf(email, "Your profile was corrected")).isEqualTo(1);
		assertThat(person.get("/api/v1/me").json().get("name").asString()).isEqualTo("Ada Corrected");

		assertThat(person.patch("/api/v1/me", correction).status()).as("the same again").isEqualTo(200);
		assertThat(mailsOf(email, "Your profile was corrected")).as("nothing changed, nothing mailed").isEqualTo(1);
	}

	@Test
	void theSamePreferencesFortyTimesAtOnceMailOnce() throws Exception {
		ApiClient person = client();
		String email = signedInAccount(person);
		Map<String, Object> preferences = Map.of("homePage", "/account", "timeZone", "Europe/Berlin");

		assertThat(fortyAtOnce(person, "PUT", "/api/v1/me/preferences", preferences)).containsOnly(200);
		assertThat(mailsOf(email, "Your preferences were changed")).isEqualTo(1);

		assertThat(person.put("/api/v1/me/preferences", preferences).status()).isEqualTo(200);
		assertThat(mailsOf(email, "Your preferences were changed")).as("nothing changed, nothing mailed").isEqualTo(1);
	}

	private List<Integer> fortyAtOnce(ApiClient person, String method, String path, Map<String, Object> body)
			throws Exception {
		try (SecondNode other = SecondNode.of(environment, Map.of())) {
			return AtOnce.run(40, i -> {
				ApiClient tab = person.on(i % 2 == 0 ? port : other.port());
				return () -> tab.send(method, path, body, Map.of()).status();
			});
		}
	}

	private long mailsOf(String email, String subject) throws Exception {
		Thread.sleep(1_500); // a mail of the requests above is queued by now
		return mailbox.countsByRecipientAndSubject().getOrDefault(email + " | " + subject, 0L);
	}
}
