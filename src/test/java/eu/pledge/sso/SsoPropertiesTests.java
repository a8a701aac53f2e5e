package eu.pledge.sso;

import static eu.pledge.testing.Settings.assertAccepted;
import static eu.pledge.testing.Settings.assertRefused;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import eu.pledge.sessions.SessionsProperties;
import eu.pledge.testing.Settings;

/** Single sign-on's lifetimes are checked at start-up: a bad value stops Pledge. */
class SsoPropertiesTests {

	private final ApplicationContextRunner runner = Settings.runner(Enabled.class);

	@Test
	void refusesLifetimesThatMakeNoSense() {
		assertAccepted(runner);
		assertAccepted(runner, "pledge.sso.key-algorithm=RS256", "pledge.sso.receives.crm=name,email,address");
		assertRefused(runner, "pledge.sso.access-token-lifetime=0s", "pledge.sso.access-token-lifetime");
		assertRefused(runner, "pledge.sso.access-token-lifetime=2h", "must be at most 1 hour");
		assertRefused(runner, "pledge.sso.authorization-code-lifetime=11m", "must be at most 10 minutes");
		assertRefused(runner, "pledge.sso.key-algorithm=HS256", "HS256");
		assertRefused(runner, "pledge.sso.receives.crm=phone", "phone");
		assertRefused(runner, "pledge.sso.refresh-token-lifetime=13h",
				"must not be longer than pledge.sessions.absolute-timeout");
		assertAccepted(runner, "pledge.sso.refresh-token-lifetime=24h", "pledge.sessions.absolute-timeout=24h");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ SsoProperties.class, SessionsProperties.class })
	@Import(SsoLifetimes.class)
	static class Enabled {
	}
}
