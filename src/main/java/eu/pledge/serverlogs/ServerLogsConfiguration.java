package eu.pledge.serverlogs;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Registers the access log's two filters itself, so the web edge needs no knowledge of this module. Their
 * places in the servlet filter order:
 * <ul>
 * <li>{@link AccessLogFilter} at {@code HIGHEST_PRECEDENCE + 1}: after the request id and client address
 * filters (position 0 in web's SecurityConfiguration), before the filters that refuse requests (position 2
 * on) and Spring Session ({@code + 50}), so a refusal is logged with the right address and id;</li>
 * <li>{@link SignedInAccountFilter} at -99: just inside Spring Security's chain (-100), where the signed-in
 * account is known.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "pledge.serverlogs.access-log-enabled", matchIfMissing = true)
class ServerLogsConfiguration {

	static final int ACCESS_LOG_ORDER = Ordered.HIGHEST_PRECEDENCE + 1;
	static final int SIGNED_IN_ACCOUNT_ORDER = -99;

	@Bean
	AccessLog accessLog(ServerLogsProperties properties, ApplicationEventPublisher events) {
		return new AccessLog(properties, events);
	}

	@Bean
	FilterRegistrationBean<AccessLogFilter> accessLogFilter(AccessLog accessLog, Clock clock) {
		FilterRegistrationBean<AccessLogFilter> registration = new FilterRegistrationBean<>(
				new AccessLogFilter(accessLog, clock));
		registration.setOrder(ACCESS_LOG_ORDER);
		return registration;
	}

	@Bean
	FilterRegistrationBean<SignedInAccountFilter> signedInAccountFilter() {
		FilterRegistrationBean<SignedInAccountFilter> registration = new FilterRegistrationBean<>(
				new SignedInAccountFilter());
		registration.setOrder(SIGNED_IN_ACCOUNT_ORDER);
		return registration;
	}
}
