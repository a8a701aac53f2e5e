package eu.pledge.serverlogs;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;

import eu.pledge.shared.FilterPosition;

/**
 * Registers the access log's two filters itself, so the web edge needs no knowledge of this module:
 * {@link AccessLogFilter} at {@link FilterPosition#ACCESS_LOG} (after the request id and client address, before
 * the filters that refuse requests, so a refusal is logged with the right address and id) and
 * {@link SignedInAccountFilter} at {@link FilterPosition#SIGNED_IN_ACCOUNT} (just inside Spring Security's chain,
 * where the signed-in account is known). The access log's timing also records the {@code http.server.requests}
 * timer ({@link RequestTimers}), in place of Spring Boot's observation filter, which {@code PledgeApplication}
 * leaves out.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "pledge.serverlogs.access-log-enabled", matchIfMissing = true)
class ServerLogsConfiguration {

	@Bean
	AccessLog accessLog(ServerLogsProperties properties, ApplicationEventPublisher events) {
		return new AccessLog(properties, events);
	}

	@Bean
	FilterRegistrationBean<AccessLogFilter> accessLogFilter(AccessLog accessLog, MeterRegistry meters, Clock clock) {
		FilterRegistrationBean<AccessLogFilter> registration = new FilterRegistrationBean<>(
				new AccessLogFilter(accessLog, new RequestTimers(meters), clock));
		registration.setOrder(FilterPosition.ACCESS_LOG.order());
		return registration;
	}

	@Bean
	FilterRegistrationBean<SignedInAccountFilter> signedInAccountFilter() {
		FilterRegistrationBean<SignedInAccountFilter> registration = new FilterRegistrationBean<>(
				new SignedInAccountFilter());
		registration.setOrder(FilterPosition.SIGNED_IN_ACCOUNT.order());
		return registration;
	}
}
