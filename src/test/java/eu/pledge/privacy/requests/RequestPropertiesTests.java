package eu.pledge.privacy.requests;

import static eu.pledge.testing.Settings.assertAccepted;
import static eu.pledge.testing.Settings.assertRefused;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import eu.pledge.testing.Settings;

class RequestPropertiesTests {

	private final ApplicationContextRunner runner = Settings.runner(Enabled.class);

	@Test
	void refusesARetentionOrWarningThatMakesNoSense() {
		assertAccepted(runner);
		assertAccepted(runner, "pledge.privacy.request-due-soon=0d");
		assertRefused(runner, "pledge.privacy.request-retention=0s", "pledge.privacy.request-retention: must be at least 1d");
		assertRefused(runner, "pledge.privacy.request-due-soon=32d",
				"pledge.privacy.request-due-soon: must be between 0d and 31d");
		assertRefused(runner, "pledge.privacy.request-due-soon=-1d",
				"pledge.privacy.request-due-soon: must be between 0d and 31d");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(RequestProperties.class)
	static class Enabled {
	}
}
