package eu.pledge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.servlet.AbstractFilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializerBeans;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ActiveProfiles;

import eu.pledge.shared.FilterPosition;

/**
 * The servlet filters of the running application, in the order the server registers them, are exactly
 * {@link FilterPosition}'s list, each at its place's order.
 */
@SpringBootTest
@ActiveProfiles("test")
class FilterOrderTests {

	/** Which filter each place holds, by the registration's filter name (its bean's name). */
	static final Map<String, FilterPosition> NAMES = names();

	@Autowired
	ConfigurableApplicationContext context;

	@Test
	void theServletFiltersRunInTheOrderOfTheList() {
		List<FilterPosition> actual = new ArrayList<>();
		List<String> unplaced = new ArrayList<>();
		for (var initializer : new ServletContextInitializerBeans(context.getBeanFactory())) {
			if (initializer instanceof AbstractFilterRegistrationBean<?> filter) {
				FilterPosition position = NAMES.get(filter.getFilterName());
				if (position == null) {
					unplaced.add(filter.getFilterName());
					continue;
				}
				assertThat(filter.getOrder()).as(filter.getFilterName()).isEqualTo(position.order());
				actual.add(position);
			}
		}
		assertThat(unplaced).as("filters without a place in FilterPosition").isEmpty();
		assertThat(actual).containsExactly(FilterPosition.values());
	}

	@Test
	void everyPlaceHasAnOrderOfItsOwn() {
		assertThat(Arrays.stream(FilterPosition.values()).mapToInt(FilterPosition::order)).isSorted()
				.doesNotHaveDuplicates();
	}

	private static Map<String, FilterPosition> names() {
		Map<String, FilterPosition> names = new LinkedHashMap<>();
		names.put("characterEncodingFilter", FilterPosition.CHARACTER_ENCODING);
		names.put("requestIdFilter", FilterPosition.REQUEST_ID);
		names.put("clientAddressFilter", FilterPosition.CLIENT_ADDRESS);
		names.put("accessLogFilter", FilterPosition.ACCESS_LOG);
		names.put("failureFilter", FilterPosition.FAILURES);
		names.put("blockedAddressFilter", FilterPosition.BLOCKED_ADDRESSES);
		names.put("patrolHoneytrapSensor", FilterPosition.PATROL_HONEYTRAPS);
		names.put("switchedOffFilter", FilterPosition.SWITCHED_OFF);
		names.put("requestSizeFilter", FilterPosition.REQUEST_SIZE);
		names.put("sameOriginApiFilter", FilterPosition.SAME_ORIGIN_API);
		names.put("securityHeadersFilter", FilterPosition.SECURITY_HEADERS);
		names.put("patrolInputSensor", FilterPosition.PATROL_INPUT);
		names.put("ingestFilter", FilterPosition.ERROR_INGEST);
		names.put("springSessionRepositoryFilter", FilterPosition.SPRING_SESSION);
		names.put("patrolSessionSensor", FilterPosition.PATROL_SESSIONS);
		names.put("absoluteTimeoutFilter", FilterPosition.ABSOLUTE_TIMEOUT);
		names.put("formContentFilter", FilterPosition.FORM_CONTENT);
		names.put("requestContextFilter", FilterPosition.REQUEST_CONTEXT);
		names.put("springSecurityFilterChain", FilterPosition.SPRING_SECURITY);
		names.put("signedInAccountFilter", FilterPosition.SIGNED_IN_ACCOUNT);
		return names;
	}
}
