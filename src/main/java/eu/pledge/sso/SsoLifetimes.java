package eu.pledge.sso;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import eu.pledge.sessions.SessionsProperties;

/** Start-up check across modules: a refresh token may not outlive the Pledge session it comes from. */
@Configuration(proxyBeanMethods = false)
class SsoLifetimes {

	@Bean
	static Object ssoLifetimesChecked(SsoProperties sso, SessionsProperties sessions) {
		if (sso.refreshTokenLifetime().compareTo(sessions.absoluteTimeout()) > 0) {
			throw new IllegalStateException("pledge.sso.refresh-token-lifetime (" + sso.refreshTokenLifetime()
					+ ") must not be longer than pledge.sessions.absolute-timeout (" + sessions.absoluteTimeout() + ")");
		}
		return new Object();
	}
}
