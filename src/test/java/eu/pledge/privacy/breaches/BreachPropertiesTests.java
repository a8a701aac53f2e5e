package eu.pledge.privacy.breaches;

import static eu.pledge.testing.Settings.assertAccepted;
import static eu.pledge.testing.Settings.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.Period;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import eu.pledge.testing.Settings;

class BreachPropertiesTests {

	private final ApplicationContextRunner runner = Settings.runner(Enabled.class);

	@Test
	void keepsRecordsFiveYearsUnlessToldOtherwiseAndRefusesPeriodsThatMakeNoSense() {
		runner.run(context -> assertThat(context.getBean(BreachProperties.class).breachRetention()).isEqualTo(Period.ofYears(5)));
		assertAccepted(runner, "pledge.privacy.breach-retention=1y");
		assertAccepted(runner, "pledge.privacy.breach-retention=365d");
		assertAccepted(runner, "pledge.privacy.breach-retention=10y");
		assertRefused(runner, "pledge.privacy.breach-retention=0d", "pledge.privacy.breach-retention: must be between 1y and 10y");
		assertRefused(runner, "pledge.privacy.breach-retention=11m", "pledge.privacy.breach-retention: must be between 1y and 10y");
		assertRefused(runner, "pledge.privacy.breach-retention=-5y", "pledge.privacy.breach-retention: must be between 1y and 10y");
		assertRefused(runner, "pledge.privacy.breach-retention=11y", "pledge.privacy.breach-retention: must be between 1y and 10y");
		assertRefused(runner, "pledge.privacy.breach-due-soon=0h", "pledge.privacy.breach-due-soon: must be between 1h and 72h");
		assertRefused(runner, "pledge.privacy.breach-due-soon=73h", "pledge.privacy.breach-due-soon: must be between 1h and 72h");
	}

	@Test
	void theRetentionCountsInCalendarYears() {
		BreachProperties properties = new BreachProperties(Period.ofYears(5), java.time.Duration.ofHours(24));
		Instant now = Instant.parse("2030-03-01T12:00:00Z");
		assertThat(properties.retentionCutoff(now)).isEqualTo(Instant.parse("2025-03-01T12:00:00Z"));
		assertThat(properties.retentionAt(now).toDays()).isEqualTo(1826);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(BreachProperties.class)
	static class Enabled {
	}
}
