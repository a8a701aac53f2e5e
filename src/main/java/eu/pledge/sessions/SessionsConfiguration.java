package eu.pledge.sessions;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
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

	/**
	 * Gives Spring Session's JDBC repository (Boot's, with Boot's settings applied) the compact
	 * {@link SessionAttributeCodec} and wraps it in {@link CoarseLastAccessSessions}, so the session filter and
	 * the session list use the wrapper. Declaring the wrapper as a bean of its own would make Boot back off from
	 * creating the JDBC repository.
	 */
	@Bean
	static BeanPostProcessor coarseLastAccessSessions(ObjectProvider<SessionsProperties> properties) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (!(bean instanceof JdbcIndexedSessionRepository jdbc)) {
					return bean;
				}
				jdbc.setConversionService(new SessionAttributeCodec(SessionsConfiguration.class.getClassLoader()));
				return new CoarseLastAccessSessions(jdbc, properties.getObject().idleTimeout());
			}
		};
	}
}
