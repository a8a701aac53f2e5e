package eu.pledge.errors.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import eu.pledge.testing.ApiClient;

/** No recipients configured: every platform administrator is mailed, a few times per window at most. */
@TestPropertySource(properties = { "pledge.bootstrap.admin-email=" + AlertThrottlingTests.ENGINEER,
		"pledge.errors.alert-recipients=", "pledge.errors.alerts.max-per-window=5", "pledge.errors.alerts.cooldown=1h",
		"pledge.errors.alerts.window=15m", "pledge.errors.alerts.spike-events=20", "pledge.errors.alerts.spike-window=5m" })
class AlertThrottlingTests extends ErrorsHttpTest {

	static final String ENGINEER = "throttle-admin@pledge.example";

	@Autowired
	Alerts alerts;

	@Test
	void aBrokenDeployWithFiveHundredEventsOfFiftyNewIssuesSendsAFewMails() {
		clock.advance(Duration.ofDays(10)); // a window of its own
		String deploy = unique("Broken deploy");
		long before = mails("[Codana]");
		for (int i = 0; i < 500; i++) {
			tracker.capture(message(deploy + " in part " + letters(i % 50), "2.0.0"));
		}
		assertThat(count("SELECT COUNT(*) FROM error_issues WHERE title LIKE ?", deploy + "%")).isEqualTo(50);
		try {
			Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(15))
					.until(() -> mails("[Codana]") == before + 5);
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			// reported below with the subjects
		}
		assertThat(mails("[Codana]")).as(subjects()).isEqualTo(before + 5);

		alerts.sendDigest();
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> mails("[Codana] Digest: 45 more alerts") == 1);
		assertThat(mailbox.await(ENGINEER, "[Codana] Digest")).contains(deploy + " in part", "/admin/errors");
		assertThat(mails("[Codana]")).isEqualTo(before + 6);
	}

	@Test
	void anIssueWhoseRateSpikesAlertsOnceAndAnAssignedIssueMailsItsAssignee() {
		clock.advance(Duration.ofDays(5));
		String text = unique("Spiking");
		long id = tracker.capture(message(text, "2.0.0")).issueId();
		mailbox.await(ENGINEER, "New issue #" + id + ":");
		clock.advance(Duration.ofHours(2)); // past the cooldown
		for (int i = 0; i < 25; i++) {
			tracker.capture(message(text, "2.0.0"));
		}
		mailbox.await(ENGINEER, "Issue is spiking #" + id + ":");
		assertThat(mails("Issue is spiking #" + id + ":")).isEqualTo(1);

		ApiClient admin = admin();
		String adminId = admin.get("/api/v1/me").json().get("id").asString();
		assertThat(admin.patch("/api/v1/admin/issues/" + id, java.util.Map.of("status", "resolved", "assignee", adminId))
				.status()).isEqualTo(200);
		clock.advance(Duration.ofHours(2));
		tracker.capture(message(text, "2.0.1"));
		mailbox.await(ENGINEER, "Regressed issue #" + id + ":");
	}

	private long mails(String subject) {
		return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> to(m, ENGINEER) && subject(m).contains(subject)).count();
	}

	private String subjects() {
		return String.join("\n", Arrays.stream(SMTP.getReceivedMessages()).filter(m -> to(m, ENGINEER)).map(AlertThrottlingTests::subject).toList());
	}

	private static String letters(int n) {
		return "" + (char) ('a' + n / 26) + (char) ('a' + n % 26);
	}

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException ex) {
			return "";
		}
	}

	private static boolean to(MimeMessage message, String recipient) {
		try {
			return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
					.anyMatch(a -> a.toString().equalsIgnoreCase(recipient));
		}
		catch (MessagingException ex) {
			return false;
		}
	}
}
