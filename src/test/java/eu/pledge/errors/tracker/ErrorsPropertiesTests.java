package eu.pledge.errors.tracker;

import static eu.pledge.testing.Settings.assertAccepted;
import static eu.pledge.testing.Settings.assertRefused;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import eu.pledge.testing.Settings;

class ErrorsPropertiesTests {

	private final ApplicationContextRunner runner = Settings.runner(Enabled.class);

	@Test
	void refusesDurationsThatAreNotPositiveNestedOnesIncluded() {
		assertRefused(runner, "pledge.errors.retention=0s", "pledge.errors.retention: must be a positive duration");
		assertRefused(runner, "pledge.errors.alerts.window=-1m", "pledge.errors.alerts.window: must be a positive duration");
		assertRefused(runner, "pledge.errors.alerts.cooldown=0s", "pledge.errors.alerts.cooldown");
	}

	@Test
	void refusesAnAlertRecipientThatIsNotAnAddress() {
		assertRefused(runner, "pledge.errors.alert-recipients=ops", "pledge.errors.alert-recipients");
	}

	@Test
	void acceptsTheDefaults() {
		assertAccepted(runner);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ErrorsProperties.class)
	static class Enabled {
	}
}
