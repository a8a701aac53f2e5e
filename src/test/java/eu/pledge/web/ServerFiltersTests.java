package eu.pledge.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletContext;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import eu.pledge.testing.HttpTest;

/**
 * The running server has no servlet filter besides those of {@link eu.pledge.shared.FilterPosition}'s list: no
 * library slips one in front of every request by being on the classpath (Tomcat's WebSocket filter did, until its
 * jar was left out of the build).
 */
class ServerFiltersTests extends HttpTest {

	@Autowired
	ServletContext servletContext;

	@Test
	void theServerRunsOnlyTheListedFilters() {
		assertThat(servletContext.getFilterRegistrations().keySet()).isNotEmpty()
				.isSubsetOf(FilterOrderTests.NAMES.keySet());
	}
}
