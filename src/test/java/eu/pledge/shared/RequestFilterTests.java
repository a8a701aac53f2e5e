package eu.pledge.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A {@link RequestFilter} works on the request's own dispatch (and on the error dispatch when it asks to), passes
 * every other dispatch and every request it does not filter on untouched, and always lets the request go on.
 */
class RequestFilterTests {

	private final List<String> worked = new ArrayList<>();

	private class Counting extends RequestFilter {

		private final boolean errors;

		Counting(boolean errors) {
			this.errors = errors;
		}

		@Override
		protected boolean shouldNotFilter(HttpServletRequest request) {
			return request.getRequestURI().startsWith("/skip");
		}

		@Override
		protected boolean shouldNotFilterErrorDispatch() {
			return !errors;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			worked.add(request.getDispatcherType().name());
			chain.doFilter(request, response);
		}
	}

	private boolean passes(RequestFilter filter, DispatcherType type, String path) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		request.setDispatcherType(type);
		MockFilterChain chain = new MockFilterChain();
		filter.doFilter(request, new MockHttpServletResponse(), chain);
		return chain.getRequest() != null;
	}

	@Test
	void worksOnTheRequestDispatchOnly() throws Exception {
		for (DispatcherType type : DispatcherType.values()) {
			assertThat(passes(new Counting(false), type, "/api/v1/me")).as(type.name()).isTrue();
		}
		assertThat(worked).containsExactly("REQUEST");
	}

	@Test
	void worksOnTheErrorDispatchWhenItAsks() throws Exception {
		for (DispatcherType type : DispatcherType.values()) {
			assertThat(passes(new Counting(true), type, "/error")).as(type.name()).isTrue();
		}
		assertThat(worked).containsExactlyInAnyOrder("REQUEST", "ERROR");
	}

	@Test
	void passesWhatItDoesNotFilterOnUntouched() throws Exception {
		assertThat(passes(new Counting(true), DispatcherType.REQUEST, "/skip/this")).isTrue();
		assertThat(passes(new Counting(true), DispatcherType.ERROR, "/skip/this")).isTrue();
		assertThat(worked).isEmpty();
	}

	@Test
	void refusesAnythingButHttp() {
		ServletRequest request = new ServletRequestWrapper(new MockHttpServletRequest()) {
		};
		ServletResponse response = new MockHttpServletResponse();
		assertThatExceptionOfType(ServletException.class)
			.isThrownBy(() -> new Counting(false).doFilter(request, response, new MockFilterChain()));
		assertThat(worked).isEmpty();
	}
}
