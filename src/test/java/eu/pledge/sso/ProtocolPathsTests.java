package eu.pledge.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.util.matcher.RequestMatcher;

class ProtocolPathsTests {

	final AtomicInteger asked = new AtomicInteger();
	final RequestMatcher endpoints = request -> {
		asked.incrementAndGet();
		return request.getRequestURI().equals("/oauth2/token") || request.getRequestURI().equals("/userinfo");
	};
	final ProtocolPaths paths = new ProtocolPaths(endpoints, new SsoRoutes().routes());

	@Test
	void theApplicationsPathsAreNotTheChainsAndCostNoEndpointMatching() {
		for (String path : new String[] { "/api/v1/me", "/", "/account", "//oauth2/token", "/oauth2x/token" }) {
			assertThat(paths.matches(new MockHttpServletRequest("POST", path))).as(path).isFalse();
		}
		assertThat(asked).hasValue(0);
	}

	@Test
	void aProtocolPathIsDecidedByTheEndpointsMatcher() {
		assertThat(paths.matches(new MockHttpServletRequest("POST", "/oauth2/token"))).isTrue();
		assertThat(paths.matches(new MockHttpServletRequest("GET", "/userinfo"))).isTrue();
		assertThat(paths.matches(new MockHttpServletRequest("GET", "/oauth2/unknown"))).isFalse();
		assertThat(paths.matches(new MockHttpServletRequest("GET", "/.well-known/other"))).isFalse();
		assertThat(asked).hasValue(4);
	}
}
