package eu.pledge.sessions;

import java.time.Clock;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.SessionRepositoryFilter;

@Configuration(proxyBeanMethods = false)
class SessionsConfiguration {

	@Bean
	FilterRegistrationBean<AbsoluteTimeoutFilter> absoluteTimeoutFilter(SessionsProperties properties, Clock clock) {
		FilterRegistrationBean<AbsoluteTimeoutFilter> registration = new FilterRegistrationBean<>(
				new AbsoluteTimeoutFilter(properties, clock));
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER + 1);
		return registration;
	}
}
