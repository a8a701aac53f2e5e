package eu.pledge.privacy;

import static eu.pledge.testing.Settings.assertAccepted;
import static eu.pledge.testing.Settings.assertRefused;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import eu.pledge.testing.Settings;

class PrivacyPropertiesTests {

	private final ApplicationContextRunner runner = Settings.runner(Enabled.class);

	@Test
	void refusesRetentionsAndIntervalsThatAreNotPositive() {
		assertRefused(runner, "pledge.privacy.customer-grace-period=0s",
				"pledge.privacy.customer-grace-period: must be a positive duration");
		assertRefused(runner, "pledge.privacy.sweep-lease=-5m", "pledge.privacy.sweep-lease: must be a positive duration");
		assertRefused(runner, "pledge.privacy.controller.name= ", "pledge.privacy.controller.name");
	}

	@Test
	void acceptsTheDefaults() {
		assertAccepted(runner);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(PrivacyProperties.class)
	static class Enabled {
	}
}
