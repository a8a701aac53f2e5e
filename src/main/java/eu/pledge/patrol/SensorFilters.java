package eu.pledge.patrol;

import java.time.Clock;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import eu.pledge.protection.Protection;
import eu.pledge.shared.FilterPosition;

/** The three sensors that sit in the filter chain, at their places (docs/PATROL.md, "Detection points"). */
@Configuration(proxyBeanMethods = false)
class SensorFilters {

	@Bean
	FilterRegistrationBean<InputSensor> patrolInputSensor(Patrol patrol, Clock clock) {
		FilterRegistrationBean<InputSensor> registration = new FilterRegistrationBean<>(new InputSensor(patrol, clock));
		registration.setOrder(FilterPosition.PATROL_INPUT.order());
		return registration;
	}

	@Bean
	FilterRegistrationBean<HoneytrapSensor> patrolHoneytrapSensor(Patrol patrol, PatrolProperties properties,
			Clock clock) {
		FilterRegistrationBean<HoneytrapSensor> registration = new FilterRegistrationBean<>(
				new HoneytrapSensor(patrol, new Honeytraps(properties), clock));
		registration.setOrder(FilterPosition.PATROL_HONEYTRAPS.order());
		return registration;
	}

	@Bean
	FilterRegistrationBean<SessionSensor> patrolSessionSensor(Patrol patrol, Protection protection, Clock clock) {
		FilterRegistrationBean<SessionSensor> registration = new FilterRegistrationBean<>(
				new SessionSensor(patrol, protection, clock));
		registration.setOrder(FilterPosition.PATROL_SESSIONS.order());
		return registration;
	}
}
