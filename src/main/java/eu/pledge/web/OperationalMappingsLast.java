package eu.pledge.web;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.webmvc.actuate.endpoint.web.AbstractWebMvcEndpointHandlerMapping;
import org.springframework.boot.webmvc.actuate.endpoint.web.ControllerEndpointHandlerMapping;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;

/**
 * Spring MVC asks the application's handler mapping before the actuator's. Spring Boot places the actuator's
 * first (order -100); their patterns ({@code /actuator/health/**}) are no direct paths, so every request of the
 * application was matched against each of them, their {@code produces} conditions included, and again to explain
 * the miss, before its own handler was looked up: 6 % of a {@code GET /api/v1/me} (docs/PERFORMANCE.md). Asked
 * right after the application's mapping, they see only the requests it has no handler for. No route of the
 * application lies under {@code /actuator/} (the route table keeps that prefix for {@link WebRoutes}' operational
 * patterns), so the same handler answers every request as before.
 */
@Component
class OperationalMappingsLast implements BeanPostProcessor {

	/** Right after the application's request mappings (order 0), before the welcome page and static resources. */
	static final int ORDER = 1;

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof AbstractWebMvcEndpointHandlerMapping || bean instanceof ControllerEndpointHandlerMapping) {
			((AbstractHandlerMapping) bean).setOrder(ORDER);
		}
		return bean;
	}
}
