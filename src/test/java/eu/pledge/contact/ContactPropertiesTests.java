package eu.pledge.contact;

import static eu.pledge.testing.Settings.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import eu.pledge.testing.Settings;

class ContactPropertiesTests {

	private final ApplicationContextRunner runner = Settings.runner(Enabled.class);

	@Test
	void anEmptyStaffAddressMeansNoNotice() {
		runner.withPropertyValues("pledge.contact.staff-address= ")
				.run(context -> assertThat(context.getBean(ContactProperties.class).staffAddress()).isNull());
		runner.withPropertyValues("pledge.contact.minimum-fill-time=0s", "pledge.contact.staff-address=dpo@example.org")
				.run(context -> assertThat(context.getBean(ContactProperties.class).staffAddress())
						.isEqualTo("dpo@example.org"));
	}

	@Test
	void refusesSettingsThatMakeNoSenseOrKeepTheAddressHashTooLong() {
		assertRefused(runner, "pledge.contact.rate-window=25h", "pledge.contact.rate-window: must be at most 24h");
		assertRefused(runner, "pledge.contact.rate-limit=0", "pledge.contact.rate-limit");
		assertRefused(runner, "pledge.contact.minimum-fill-time=2h", "pledge.contact.minimum-fill-time must be shorter");
		assertRefused(runner, "pledge.contact.minimum-fill-time=-1s", "pledge.contact.minimum-fill-time: must be zero");
		assertRefused(runner, "pledge.contact.staff-address=staff", "pledge.contact.staff-address");
		assertRefused(runner, "pledge.contact.retention=0s", "pledge.contact.retention: must be a positive duration");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ContactProperties.class)
	static class Enabled {
	}
}
