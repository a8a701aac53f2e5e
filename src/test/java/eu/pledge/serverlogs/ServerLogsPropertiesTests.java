package eu.pledge.serverlogs;

import static eu.pledge.testing.Settings.assertAccepted;
import static eu.pledge.testing.Settings.assertRefused;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import eu.pledge.testing.Settings;

class ServerLogsPropertiesTests {

	private final ApplicationContextRunner runner = Settings.runner(Enabled.class)
			.withPropertyValues("pledge.serverlogs.directory=logs");

	@Test
	void refusesARetentionThatIsNotWholeDays() {
		assertRefused(runner, "pledge.serverlogs.retention=36h", "pledge.serverlogs.retention must be a whole number of days");
		assertRefused(runner, "pledge.serverlogs.retention=0s", "pledge.serverlogs.retention: must be a positive duration");
	}

	@Test
	void refusesIntervalsThatAreNotPositive() {
		assertRefused(runner, "pledge.serverlogs.sweep-interval=0s", "pledge.serverlogs.sweep-interval: must be");
		assertRefused(runner, "pledge.serverlogs.export-wait=-1s", "pledge.serverlogs.export-wait: must be");
	}

	@Test
	void refusesAFileSizeAboveTheTotalCap() {
		assertRefused(runner, "pledge.serverlogs.max-file-size=10GB", "pledge.serverlogs.total-size-cap");
	}

	@Test
	void acceptsTheDefaults() {
		assertAccepted(runner);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ServerLogsProperties.class)
	static class Enabled {
	}
}
