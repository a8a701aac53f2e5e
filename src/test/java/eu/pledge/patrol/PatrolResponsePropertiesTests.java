package eu.pledge.patrol;

import static eu.pledge.testing.Settings.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import eu.pledge.testing.Settings;

/** The account-side responses' settings: written as the README says, refused at start-up when they make no sense. */
class PatrolResponsePropertiesTests {

	private final ApplicationContextRunner runner = Settings.runner(Enabled.class);

	@Test
	void acceptsTheResponsesAndTheirSettingsAsTheReadmeWritesThem() {
		runner.withPropertyValues("pledge.patrol.rules.probe.points=sign-in-failed", "pledge.patrol.rules.probe.key=account",
				"pledge.patrol.rules.probe.threshold=3", "pledge.patrol.rules.probe.window=10m",
				"pledge.patrol.rules.probe.responses=alert,end-sessions,require-second-factor",
				"pledge.patrol.alerts.recipients=soc@vendor.example,security@vendor.example").run(context -> {
					PatrolProperties properties = context.getBean(PatrolProperties.class);
					assertThat(properties.rules().get("probe").responses()).containsExactly(
							PatrolProperties.Response.ALERT, PatrolProperties.Response.END_SESSIONS,
							PatrolProperties.Response.REQUIRE_SECOND_FACTOR);
					assertThat(properties.alerts().recipients()).hasSize(2);
				});
		runner.run(context -> {
			PatrolProperties properties = context.getBean(PatrolProperties.class);
			assertThat(properties.alerts().recipients()).isEmpty(); // every platform administrator
			assertThat(properties.alerts().max()).isEqualTo(5);
			assertThat(properties.alerts().window()).isEqualTo(Duration.ofMinutes(15));
			assertThat(properties.stepUpDuration()).isEqualTo(Duration.ofHours(24));
		});
	}

	@Test
	void refusesAlertAndStepUpSettingsThatMakeNoSense() {
		assertRefused(runner, "pledge.patrol.alerts.max=0", "pledge.patrol.alerts.max");
		assertRefused(runner, "pledge.patrol.alerts.window=0s", "pledge.patrol.alerts.window", "must be a positive duration");
		assertRefused(runner, "pledge.patrol.alerts.recipients=not-an-address", "recipients");
		assertRefused(runner, "pledge.patrol.step-up-duration=3d", "pledge.patrol.step-up-duration", "at most 48h");
		assertRefused(runner, "pledge.patrol.step-up-duration=0s", "pledge.patrol.step-up-duration");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(PatrolProperties.class)
	static class Enabled {
	}
}
