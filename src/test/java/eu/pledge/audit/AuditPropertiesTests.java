package eu.pledge.audit;

import static eu.pledge.testing.Settings.assertAccepted;
import static eu.pledge.testing.Settings.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import eu.pledge.testing.Settings;

class AuditPropertiesTests {

	private final ApplicationContextRunner runner = Settings.runner(Enabled.class);

	@Test
	void periodsAreWholeUtcDaysAlignedOnTheEpoch() {
		AuditProperties daily = properties(Duration.ofDays(1));
		assertThat(daily.periodOf(Instant.parse("2025-05-01T23:59:59.999Z"))).isEqualTo(LocalDate.parse("2025-05-01"));
		AuditProperties weekly = properties(Duration.ofDays(7));
		assertThat(weekly.periodOf(Instant.parse("1970-01-08T00:00:00Z"))).isEqualTo(LocalDate.parse("1970-01-08"));
		assertThat(weekly.periodOf(Instant.parse("1970-01-07T23:00:00Z"))).isEqualTo(LocalDate.parse("1970-01-01"));
	}

	@Test
	void refusesValuesThatMakeNoSenseInsteadOfAdjustingThem() {
		assertRefused(runner, "pledge.audit.period=12h", "pledge.audit.period must be a whole number of days");
		assertRefused(runner, "pledge.audit.period=400d", "pledge.audit.period: must be at most 366 days");
		assertRefused(runner, "pledge.audit.retention=1h", "pledge.audit.retention must be at least one");
		assertRefused(runner, "pledge.audit.close-grace=1d", "pledge.audit.close-grace must be shorter");
		assertRefused(runner, "pledge.audit.retention=0s", "pledge.audit.retention: must be a positive duration");
		assertRefused(runner, "pledge.audit.checkpoint-interval=-1m", "pledge.audit.checkpoint-interval: must be a positive");
		assertRefused(runner, "pledge.audit.checkpoint-grace=5m", "pledge.audit.checkpoint-grace must be shorter");
		assertRefused(runner, "pledge.audit.delete-batch=5", "pledge.audit.delete-batch");
	}

	@Test
	void acceptsTheDefaultsAndAWeeklyPeriod() {
		assertAccepted(runner);
		assertAccepted(runner, "pledge.audit.period=7d");
	}

	private static AuditProperties properties(Duration period) {
		return new AuditProperties(period, Duration.ofDays(60), Duration.ofMinutes(5), Duration.ofMinutes(5), 7, 10_000,
				Duration.ofMinutes(1), Duration.ofSeconds(10));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(AuditProperties.class)
	static class Enabled {
	}
}
