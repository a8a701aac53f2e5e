package eu.pledge.patrol;

import static eu.pledge.testing.Settings.assertAccepted;
import static eu.pledge.testing.Settings.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import eu.pledge.protection.Switches;
import eu.pledge.testing.Settings;

class PatrolPropertiesTests {

	private static final String[] RULE = { "pledge.patrol.rules.probe.points=honeytrap", "pledge.patrol.rules.probe.key=address",
			"pledge.patrol.rules.probe.threshold=1", "pledge.patrol.rules.probe.window=1h",
			"pledge.patrol.rules.probe.responses=record,ban" };

	private final ApplicationContextRunner runner = Settings.runner(Enabled.class);

	@Test
	void acceptsARuleWrittenAsTheReadmeSays() {
		runner.withPropertyValues(RULE).run(context -> {
			PatrolProperties.Rule rule = context.getBean(PatrolProperties.class).rules().get("probe");
			assertThat(rule.points()).containsExactly(Point.HONEYTRAP);
			assertThat(rule.responses()).containsExactly(PatrolProperties.Response.RECORD, PatrolProperties.Response.BAN);
		});
		assertAccepted(runner);
	}

	@Test
	void refusesRulesThatMakeNoSense() {
		assertRefused(runner, with("pledge.patrol.rules.probe.threshold=0"), "threshold");
		assertRefused(runner, with("pledge.patrol.rules.probe.window=0s"), "window", "must be a positive duration");
		assertRefused(runner, with("pledge.patrol.rules.probe.window=3d"), "window", "at most 48h");
		assertRefused(runner, with("pledge.patrol.rules.probe.key=account"), "a rule that bans must count by address");
		assertRefused(runner, with("pledge.patrol.rules.probe.points=no-such-point"), "no-such-point");
		assertRefused(runner, "pledge.patrol.ban-max=3d", "pledge.patrol.ban-max: must be at most 48h");
		assertRefused(runner, new String[] { "pledge.patrol.ban-duration=2h", "pledge.patrol.ban-max=1h" },
				"pledge.patrol.ban-duration must be at most pledge.patrol.ban-max");
		assertRefused(runner, "pledge.patrol.honeytraps=.env", "every pledge.patrol.honeytraps entry is a path");
	}

	@Test
	void refusesBansAndWindowsLongerThanTheRecordLifetime() {
		runner.withPropertyValues(with("pledge.patrol.rules.probe.window=3h")).withPropertyValues(
				"pledge.patrol.ban-duration=15m", "pledge.patrol.ban-max=1h").run(context -> {
			PatrolProperties properties = context.getBean(PatrolProperties.class);
			assertThatThrownBy(() -> Judge.check(properties, Duration.ofHours(2)))
					.hasMessage("pledge.patrol.rules.probe.window must be at most pledge.protection.record-lifetime");
			Judge.check(properties, Duration.ofHours(48));
		});
		runner.withPropertyValues("pledge.patrol.ban-max=12h").run(context -> {
			assertThatThrownBy(() -> Judge.check(context.getBean(PatrolProperties.class), Duration.ofHours(6)))
					.hasMessageStartingWith("pledge.patrol.ban-max must be at most pledge.protection.record-lifetime");
		});
	}

	@Test
	void siteWideResponsesNeedASiteWideRuleAndSwitchOffNamesItsFeatures() {
		String[] wave = { "pledge.patrol.rules.wave.points=sign-in-failed", "pledge.patrol.rules.wave.key=site",
				"pledge.patrol.rules.wave.threshold=500", "pledge.patrol.rules.wave.window=5m",
				"pledge.patrol.rules.wave.responses=challenge,switch-off",
				"pledge.patrol.rules.wave.switch-off=registration, password-reset, contact" };
		runner.withPropertyValues(wave).withPropertyValues("pledge.patrol.challenge-duration=10m").run(context -> {
			assertThat(context).hasNotFailed();
			PatrolProperties properties = context.getBean(PatrolProperties.class);
			assertThat(properties.rules().get("wave").switchOff()).containsExactly(Switches.Feature.REGISTRATION,
					Switches.Feature.PASSWORD_RESET, Switches.Feature.CONTACT);
			assertThat(properties.challengeDuration()).isEqualTo(Duration.ofMinutes(10));
			assertThat(properties.switchOffDuration()).isEqualTo(Duration.ofHours(1));
		});
		assertRefused(runner, with("pledge.patrol.rules.probe.responses=switch-off"), "must name the features");
		assertRefused(runner, new String[] { "pledge.patrol.rules.probe.points=honeytrap",
				"pledge.patrol.rules.probe.key=address", "pledge.patrol.rules.probe.threshold=1",
				"pledge.patrol.rules.probe.window=1h", "pledge.patrol.rules.probe.responses=challenge" },
				"must count by site");
		assertRefused(runner, with("pledge.patrol.rules.probe.switch-off=teleportation"), "teleportation");
		assertRefused(runner, "pledge.patrol.switch-off-duration=3d", "pledge.patrol.switch-off-duration: must be at most 48h");
		assertRefused(runner, "pledge.patrol.challenge-duration=0s", "pledge.patrol.challenge-duration");
	}

	@Test
	void aRuleMayCountDistinctAccountsAddressesOrSessionsOtherThanItsKey() {
		runner.withPropertyValues(with("pledge.patrol.rules.probe.distinct=account")).run(context -> assertThat(
				context.getBean(PatrolProperties.class).rules().get("probe").distinct())
			.isEqualTo(PatrolProperties.Distinct.ACCOUNT));
		assertRefused(runner, with("pledge.patrol.rules.probe.distinct=address"),
				"distinct must count something other than the key");
		assertRefused(runner, with("pledge.patrol.rules.probe.distinct=system"), "Distinct.system");
	}

	@Test
	void eachBanOfAnAddressDoublesUpToTheMaximum() {
		runner.run(context -> {
			PatrolProperties properties = context.getBean(PatrolProperties.class);
			assertThat(properties.ban(1)).isEqualTo(Duration.ofMinutes(15));
			assertThat(properties.ban(2)).isEqualTo(Duration.ofMinutes(30));
			assertThat(properties.ban(20)).isEqualTo(Duration.ofHours(24));
		});
	}

	private static String[] with(String setting) {
		String[] settings = java.util.Arrays.copyOf(RULE, RULE.length + 1);
		settings[RULE.length] = setting;
		return settings;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(PatrolProperties.class)
	static class Enabled {
	}
}
