package eu.pledge.protection;

import static eu.pledge.testing.Settings.assertAccepted;
import static eu.pledge.testing.Settings.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import eu.pledge.testing.Settings;

class ProtectionPropertiesTests {

	private final ApplicationContextRunner runner = Settings.runner(Enabled.class);

	@Test
	void defaultsToThePolicyNumbers() {
		runner.run(context -> {
			ProtectionProperties properties = context.getBean(ProtectionProperties.class);
			assertThat(properties.addressLimit()).isEqualTo(20);
			assertThat(properties.accountLimit()).isEqualTo(10);
			assertThat(properties.pairLimit()).isEqualTo(5);
			assertThat(properties.recordLifetime()).isEqualTo(Duration.ofHours(24));
			assertThat(properties.blockFor(1)).isEqualTo(Duration.ofHours(1));
			assertThat(properties.blockFor(3)).isEqualTo(Duration.ofHours(4));
			assertThat(properties.blockFor(99)).isEqualTo(Duration.ofHours(24));
			assertThat(properties.waitAfter(9, 10)).isZero();
			assertThat(properties.waitAfter(12, 10)).isEqualTo(Duration.ofSeconds(4));
			assertThat(properties.waitAfter(1000, 10)).isEqualTo(Duration.ofMinutes(15));
		});
	}

	@Test
	void rejectsARecordLifetimeBeyondFortyEightHours() {
		assertRefused(runner, "pledge.protection.record-lifetime=49h",
				"pledge.protection.record-lifetime: must not exceed the policy's 48 hours");
	}

	@Test
	void rejectsANonPositiveRecordLifetime() {
		assertRefused(runner, "pledge.protection.record-lifetime=0s",
				"pledge.protection.record-lifetime: must be a positive duration");
		assertRefused(runner, "pledge.protection.record-lifetime=-1h", "pledge.protection.record-lifetime: must be");
		assertRefused(runner, "pledge.protection.block-refresh=0s", "pledge.protection.block-refresh: must be");
	}

	@Test
	void rejectsABlockThatWouldOutliveItsRecord() {
		assertRefused(runner, "pledge.protection.record-lifetime=12h",
				"pledge.protection.block-max must not exceed pledge.protection.record-lifetime");
	}

	@Test
	void rejectsACounterWindowThatWouldOutliveItsRecord() {
		assertRefused(runner, "pledge.protection.address-window=25h",
				"address-window, account-window and pair-window must not exceed pledge.protection.record-lifetime");
	}

	@Test
	void rejectsAWaitLongerThanTheWindowThatRemembersIt() {
		assertRefused(runner, "pledge.protection.throttle-wait-max=1h",
				"pledge.protection.throttle-wait-max must not exceed pledge.protection.account-window");
		assertRefused(runner, "pledge.protection.throttle-wait=20m", "pledge.protection.throttle-wait must not exceed");
	}

	@Test
	void rejectsNonsenseLimits() {
		assertRefused(runner, "pledge.protection.address-limit=0", "pledge.protection.address-limit");
		assertRefused(runner, "pledge.protection.ipv6-prefix-length=129", "pledge.protection.ipv6-prefix-length");
	}

	@Test
	void acceptsAShorterConsistentSetting() {
		assertAccepted(runner, "pledge.protection.record-lifetime=2h", "pledge.protection.block-max=2h");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ProtectionProperties.class)
	static class Enabled {
	}
}
