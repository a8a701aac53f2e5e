package eu.pledge.sessions;

import static eu.pledge.testing.Settings.assertAccepted;
import static eu.pledge.testing.Settings.assertRefused;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import eu.pledge.testing.Settings;

class SessionsPropertiesTests {

	private final ApplicationContextRunner runner = Settings.runner(Enabled.class);

	@Test
	void refusesTimeoutsThatMakeNoSense() {
		assertAccepted(runner);
		assertRefused(runner, "pledge.sessions.idle-timeout=0s", "pledge.sessions.idle-timeout: must be a positive duration");
		assertRefused(runner, "pledge.sessions.second-factor-window=-1m",
				"pledge.sessions.second-factor-window: must be a positive duration");
		assertRefused(runner, new String[] { "pledge.sessions.idle-timeout=2h", "pledge.sessions.absolute-timeout=1h" },
				"pledge.sessions.absolute-timeout must be at least pledge.sessions.idle-timeout");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SessionsProperties.class)
	static class Enabled {
	}
}
