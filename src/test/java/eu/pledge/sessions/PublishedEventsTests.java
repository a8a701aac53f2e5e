package eu.pledge.sessions;

import static eu.pledge.testing.People.PASSWORD;
import static eu.pledge.testing.People.registerAndVerify;
import static eu.pledge.testing.People.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;

import eu.pledge.accounts.AccountRegistered;
import eu.pledge.accounts.EmailVerified;
import eu.pledge.accounts.PasswordChanged;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.RecordedEvents;

/** The facts the audit trail and the monitor will listen to are published, and none carries personal data. */
@Import(RecordedEvents.class)
class PublishedEventsTests extends HttpTest {

	@org.springframework.beans.factory.annotation.Autowired
	RecordedEvents recorder;

	@Test
	void aPersonsJourneyPublishesItsFactsWithoutTheirData() {
		String email = randomEmail();
		String address = randomAddress();
		ApiClient client = client().from(address);
		registerAndVerify(client, mailbox, email);
		signIn(client, email, "a wrong password guess");
		signIn(client, email, PASSWORD);
		client.post("/api/v1/me/password", Map.of("currentPassword", PASSWORD, "newPassword", "another fine passphrase"));
		client.delete("/api/v1/session");

		List<Class<?>> types = recorder.all().stream().<Class<?>>map(Object::getClass).toList();
		assertThat(types).contains(AccountRegistered.class, EmailVerified.class, LoginFailed.class,
				LoginSucceeded.class, PasswordChanged.class, SessionEnded.class);
		assertThat(recorder.all()).filteredOn(LoginFailed.class::isInstance).map(e -> ((LoginFailed) e).reason())
				.contains(LoginFailed.Reason.WRONG_PASSWORD);
		assertThat(recorder.all().toString()).doesNotContain(email).doesNotContain(address).doesNotContain(PASSWORD)
				.doesNotContain("Ada");
	}
}
