package eu.pledge.sessions;

import static eu.pledge.testing.People.PASSWORD;
import static eu.pledge.testing.People.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;

/** The home page says whether the person is signed in anywhere else, counting only their other live sessions. */
class SessionsPanelTests extends HttpTest {

	private static String home(ApiClient client) {
		ApiClient.Response page = client.send("GET", "/", null, Map.of("Accept", "text/html"));
		assertThat(page.status()).isEqualTo(200);
		return page.body();
	}

	@Test
	void theHomePageCountsTheOtherSessionsOfThePersonOnly() {
		ApiClient here = client();
		String email = signedInAccount(here);
		assertThat(home(here)).contains("You are signed in only here.");
		signedInAccount(client()); // someone else's session is not counted

		ApiClient phone = client();
		assertThat(signIn(phone, email, PASSWORD).status()).isEqualTo(200);
		ApiClient laptop = client();
		assertThat(signIn(laptop, email, PASSWORD).status()).isEqualTo(200);
		assertThat(home(here)).contains("You are also signed in on 2 other devices or browsers.");
		assertThat(home(phone)).contains("You are also signed in on 2 other devices or browsers.");

		assertThat(laptop.delete("/api/v1/session").status()).isEqualTo(204);
		assertThat(home(here)).contains("You are also signed in on 1 other device or browser.");
	}
}
