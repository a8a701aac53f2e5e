package eu.pledge.sessions;

import static eu.pledge.testing.People.PASSWORD;
import static eu.pledge.testing.People.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;

/** The home page says whether the person is signed in anywhere else, counting only their other live sessions. */
class SessionsPanelTests extends HttpTest {

	@Autowired
	JdbcClient jdbc;

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

	/** Counting stops at a hundred, so a page costs the same however many sessions an account piles up. */
	@Test
	void theCountStopsAtAHundred() {
		ApiClient here = client();
		String email = signedInAccount(here);
		ApiClient phone = client();
		assertThat(signIn(phone, email, PASSWORD).status()).isEqualTo(200);
		String principal = here.get("/api/v1/me").json().get("id").asString();
		long now = System.currentTimeMillis();
		for (int i = 0; i < SessionList.COUNTED + 20; i++) {
			jdbc.sql("INSERT INTO spring_session (primary_id, session_id, creation_time, last_access_time, "
					+ "max_inactive_interval, expiry_time, principal_name) VALUES (?, ?, ?, ?, 1800, ?, ?)")
					.params(UUID.randomUUID().toString(), UUID.randomUUID().toString(), now, now, now + 1_800_000, principal)
					.update();
		}
		assertThat(home(here)).contains("You are also signed in on 100 or more other devices or browsers.");
		jdbc.sql("DELETE FROM spring_session WHERE principal_name = ? AND primary_id NOT IN (SELECT session_primary_id "
				+ "FROM spring_session_attributes)").param(principal).update();
		assertThat(home(here)).contains("You are also signed in on 1 other device or browser.");
	}
}
