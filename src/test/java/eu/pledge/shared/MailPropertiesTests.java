package eu.pledge.shared;

import static eu.pledge.testing.Settings.assertAccepted;
import static eu.pledge.testing.Settings.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import eu.pledge.testing.Settings;

class MailPropertiesTests {

	private final ApplicationContextRunner runner = Settings.runner(Enabled.class);

	@Test
	void theWaitDoublesFromThirtySecondsToAtMostHalfAnHour() {
		runner.run(context -> {
			MailProperties properties = context.getBean(MailProperties.class);

			assertThat(properties.retryAfter(1)).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.retryAfter(2)).isEqualTo(Duration.ofMinutes(1));
			assertThat(properties.retryAfter(3)).isEqualTo(Duration.ofMinutes(2));
			assertThat(properties.retryAfter(6)).isEqualTo(Duration.ofMinutes(16));
			assertThat(properties.retryAfter(7)).isEqualTo(Duration.ofMinutes(30));
			assertThat(properties.retryAfter(1000)).isEqualTo(Duration.ofMinutes(30));
		});
	}

	@Test
	void refusesDurationsThatAreNotPositive() {
		assertRefused(runner, "pledge.mail.retry-first=0s", "pledge.mail.retry-first: must be a positive duration");
		assertRefused(runner, "pledge.mail.outbox-retention=0s", "pledge.mail.outbox-retention");
		assertRefused(runner, "pledge.mail.poll-interval=-1s", "pledge.mail.poll-interval");
	}

	@Test
	void refusesSettingsThatContradictEachOther() {
		assertRefused(runner, "pledge.mail.retry-first=1h", "pledge.mail.retry-first must not be longer");
		assertRefused(runner, new String[] { "pledge.mail.retry-first=1s", "pledge.mail.retry-max=3h",
				"pledge.mail.give-up-after=2h" }, "pledge.mail.retry-max must be shorter");
		assertRefused(runner, "pledge.mail.claim-lease=1m", "pledge.mail.claim-lease must be at least ten times");
		assertRefused(runner, "pledge.mail.from= ", "pledge.mail.from: must name a sender");
	}

	@Test
	void acceptsTheDefaults() {
		assertAccepted(runner);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(MailProperties.class)
	static class Enabled {
	}
}
