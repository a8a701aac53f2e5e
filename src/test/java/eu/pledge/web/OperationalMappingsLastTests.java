package eu.pledge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.actuate.endpoint.web.AbstractWebMvcEndpointHandlerMapping;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import eu.pledge.testing.HttpTest;

/** The application's handlers are looked up first; the operational endpoints still answer. */
class OperationalMappingsLastTests extends HttpTest {

	@Autowired
	DispatcherServlet dispatcher;

	@Test
	void theApplicationsMappingIsAskedBeforeTheActuators() {
		client().get("/actuator/health"); // the servlet finds its mappings on its first request
		List<HandlerMapping> mappings = dispatcher.getHandlerMappings();
		int application = -1;
		int firstActuator = -1;
		for (int i = 0; i < mappings.size(); i++) {
			HandlerMapping mapping = mappings.get(i);
			if (application < 0 && mapping.getClass() == RequestMappingHandlerMapping.class) {
				application = i;
			}
			if (firstActuator < 0 && mapping instanceof AbstractWebMvcEndpointHandlerMapping) {
				firstActuator = i;
			}
		}
		assertThat(application).isNotNegative();
		assertThat(firstActuator).as("the actuator's mapping").isGreaterThan(application);
	}

	@Test
	void healthAndMetricsStillAnswer() {
		var client = client();
		assertThat(client.get("/actuator/health").status()).isEqualTo(200);
		assertThat(client.send("GET", "/actuator/prometheus", null, Map.of("Accept", "text/plain")).status())
				.as("administrators only: a stranger is asked to sign in").isEqualTo(302);
	}
}
