package eu.pledge.privacy.notice;

import static eu.pledge.testing.Settings.assertAccepted;
import static eu.pledge.testing.Settings.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import eu.pledge.testing.Settings;

class NoticePropertiesTests {

	private final ApplicationContextRunner runner = Settings.runner(Enabled.class);

	private static final String[] RELAY = { "pledge.privacy.processors[0].name=Relay Mail BV",
			"pledge.privacy.processors[0].purpose=relays mail", "pledge.privacy.processors[0].location=NL",
			"pledge.privacy.processors[0].contact=Kade 1, Amsterdam", "pledge.privacy.processors[0].hosts=relay.example" };

	@Test
	void refusesAProcessorWhoseLocationIsNoCountryCode() {
		assertRefused(runner, with("pledge.privacy.processors[0].location=Germany"),
				"pledge.privacy.processors[0].location: must be an ISO 3166-1 country code in capitals, such as DE");
		assertRefused(runner, with("pledge.privacy.processors[0].location=XX"), "pledge.privacy.processors[0]",
				"must be an ISO 3166-1 country code");
	}

	@Test
	void refusesAProcessorWithoutNamePurposeOrContact() {
		assertRefused(runner, with("pledge.privacy.processors[0].name= "), "pledge.privacy.processors[0].name");
		assertRefused(runner, with("pledge.privacy.processors[0].purpose="), "pledge.privacy.processors[0].purpose");
		assertRefused(runner, with("pledge.privacy.processors[0].contact="), "pledge.privacy.processors[0].contact");
		assertRefused(runner, "pledge.privacy.hosting.region= ", "pledge.privacy.hosting.region");
	}

	@Test
	void acceptsTheDefaultsAndAProcessor() {
		assertAccepted(runner);
		runner.run(context -> {
			NoticeProperties settings = context.getBean(NoticeProperties.class);
			assertThat(settings.processors()).isEmpty();
			assertThat(settings.hosting().withinEu()).isTrue();
			assertThat(settings.supervisoryAuthority().named()).isFalse();
		});
		runner.withPropertyValues(RELAY).run(context -> {
			NoticeProperties.Processor relay = context.getBean(NoticeProperties.class).processors().get(0);
			assertThat(relay.country()).isEqualTo("Netherlands (NL)");
			assertThat(relay.withinEea()).isTrue();
			assertThat(relay.runs("smtp.relay.example")).isTrue();
		});
	}

	private static String[] with(String setting) {
		String[] settings = RELAY.clone();
		String key = setting.substring(0, setting.indexOf('='));
		for (int i = 0; i < settings.length; i++) {
			if (settings[i].startsWith(key + "=")) {
				settings[i] = setting;
			}
		}
		return settings;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(NoticeProperties.class)
	static class Enabled {
	}
}
