package eu.pledge.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class ProtectionPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
			.withUserConfiguration(Enabled.class);

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
		assertRejected("pledge.protection.record-lifetime=49h", "record-lifetime");
	}

	@Test
	void rejectsANonPositiveRecordLifetime() {
		assertRejected("pledge.protection.record-lifetime=0s", "record-lifetime");
		assertRejected("pledge.protection.record-lifetime=-1h", "record-lifetime");
	}

	@Test
	void rejectsABlockThatWouldOutliveItsRecord() {
		assertRejected("pledge.protection.record-lifetime=12h", "block-max");
	}

	@Test
	void rejectsAWaitLongerThanTheWindowThatRemembersIt() {
		assertRejected("pledge.protection.throttle-wait-max=1h", "throttle-wait-max");
	}

	@Test
	void rejectsNonsenseLimits() {
		assertRejected("pledge.protection.address-limit=0", "addressLimit");
		assertRejected("pledge.protection.ipv6-prefix-length=129", "ipv6PrefixLength");
	}

	@Test
	void acceptsAShorterConsistentSetting() {
		runner.withPropertyValues("pledge.protection.record-lifetime=2h", "pledge.protection.block-max=2h")
				.run(context -> assertThat(context).hasNotFailed());
	}

	private void assertRejected(String property, String mentioning) {
		runner.withPropertyValues(property).run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(mentioning);
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ProtectionProperties.class)
	static class Enabled {
	}
}
