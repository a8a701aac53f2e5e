package eu.pledge.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.filter.OncePerRequestFilter;

import eu.pledge.shared.FilterPosition;
import eu.pledge.testing.UnreachableDatabase;

/**
 * Faults on demand for {@link FaultTest}: a database that can be cut off, and a servlet filter between Spring
 * Session and the security chain (outside Spring MVC, where no controller advice runs) that throws when a
 * request carries {@value FaultTest#FAULT}.
 */
@TestConfiguration(proxyBeanMethods = false)
class Faults {

	@Bean
	static UnreachableDatabase unreachableDatabase() {
		return new UnreachableDatabase();
	}

	@Bean
	FilterRegistrationBean<FaultyFilter> faultyFilter() {
		FilterRegistrationBean<FaultyFilter> registration = new FilterRegistrationBean<>(new FaultyFilter());
		registration.setOrder(FilterPosition.ABSOLUTE_TIMEOUT.order() + 1);
		return registration;
	}

	static class FaultyFilter extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (request.getHeader(FaultTest.FAULT) != null) {
				throw new IllegalStateException("A fault the test asked for");
			}
			chain.doFilter(request, response);
		}
	}
}
