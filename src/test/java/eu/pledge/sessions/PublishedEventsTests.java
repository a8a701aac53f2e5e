package eu.pledge.sessions;

import static eu.pledge.testing.Accounts.PASSWORD;
import static eu.pledge.testing.Accounts.registerAndVerify;
import static eu.pledge.testing.Accounts.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

import eu.pledge.accounts.AccountRegistered;
import eu.pledge.accounts.EmailVerified;
import eu.pledge.accounts.PasswordChanged;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;

/** The facts the audit trail and the monitor will listen to are published, and none carries personal data. */
@Import(PublishedEventsTests.Recorder.class)
class PublishedEventsTests extends HttpTest {

	@TestConfiguration(proxyBeanMethods = false)
	static class Recorder {
		final List<Object> events = new CopyOnWriteArrayList<>();

		@Bean
		Recorder recorder() {
			return this;
		}

		@EventListener
		void on(Object event) {
			if (event.getClass().getPackageName().startsWith("eu.pledge")) {
				events.add(event);
			}
		}
	}

	@org.springframework.beans.factory.annotation.Autowired
	Recorder recorder;

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

		List<Class<?>> types = recorder.events.stream().<Class<?>>map(Object::getClass).toList();
		assertThat(types).contains(AccountRegistered.class, EmailVerified.class, LoginFailed.class,
				LoginSucceeded.class, PasswordChanged.class, SessionEnded.class);
		assertThat(recorder.events).filteredOn(LoginFailed.class::isInstance).map(e -> ((LoginFailed) e).reason())
				.contains(LoginFailed.Reason.WRONG_PASSWORD);
		assertThat(recorder.events.toString()).doesNotContain(email).doesNotContain(address).doesNotContain(PASSWORD)
				.doesNotContain("Ada");
	}
}
