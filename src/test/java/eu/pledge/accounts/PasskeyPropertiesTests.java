package eu.pledge.accounts;

import static eu.pledge.testing.Settings.assertAccepted;
import static eu.pledge.testing.Settings.assertRefused;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import eu.pledge.testing.Settings;

class PasskeyPropertiesTests {

	private final ApplicationContextRunner runner = Settings.runner(Enabled.class);

	@Test
	void extraOriginsMustBeBareOrigins() {
		assertAccepted(runner);
		assertAccepted(runner, "pledge.passkeys.extra-origins=https://login.example.com,http://localhost:8443");
		assertRefused(runner, "pledge.passkeys.extra-origins=https://login.example.com/path",
				"pledge.passkeys.extra-origins: 'https://login.example.com/path' is not an origin");
		assertRefused(runner, "pledge.passkeys.extra-origins=login.example.com",
				"pledge.passkeys.extra-origins: 'login.example.com' is not an origin");
		assertRefused(runner, "pledge.passkeys.extra-origins=ftp://login.example.com",
				"is not an origin");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(PasskeyProperties.class)
	static class Enabled {
	}
}
