package eu.pledge.serverlogs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.ServletException;

import org.junit.jupiter.api.Test;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerMapping;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The timer's tags are those Spring Boot's observation filter gave {@code http.server.requests}: Spring's
 * {@link DefaultServerRequestObservationConvention} for the request, Micrometer's {@code DefaultMeterObservationHandler}
 * for {@code error} (the simple name of the error's class, {@code none} without one). Every combination of method,
 * matched route, status and error below is recorded through one {@link RequestTimers}: each must land in the timer
 * with exactly its tags, although the timers ask Spring's convention only once per key.
 */
class RequestTimersTests {

	private static final DefaultServerRequestObservationConvention SPRING = new DefaultServerRequestObservationConvention();

	private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
			"TRACE", "CONNECT", "FOO", "PROPFIND", "get", "BREW", "");

	private static final List<String> PATTERNS = Arrays.asList(null, "", "/", "/api/v1/me",
			"/api/v1/admin/systems/{system}/clients/{clientId}", "/**", "/css/**");

	private static final List<Integer> STATUSES = List.of(100, 200, 201, 204, 299, 301, 302, 303, 304, 307, 308, 399,
			400, 401, 403, 404, 405, 409, 413, 418, 429, 499, 500, 502, 503, 599);

	private static final List<Throwable> ERRORS = Arrays.asList(null, new IllegalStateException("x"),
			new ServletException("wrapped", new java.io.UncheckedIOException(new java.io.IOException())),
			new ServletException("alone"), new RuntimeException() {
				// anonymous: no simple name
			});

	@Test
	void eachRequestIsTimedUnderTheTagsSpringsObservationGaveIt() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		RequestTimers timers = new RequestTimers(registry);
		Map<Tags, Integer> expected = new HashMap<>();
		for (String method : METHODS) {
			for (String pattern : PATTERNS) {
				for (int status : STATUSES) {
					for (Throwable error : ERRORS) {
						MockHttpServletRequest request = new MockHttpServletRequest(method, "/some/path");
						if (pattern != null) {
							request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, pattern);
						}
						// the response as it stands when an error escapes: not yet the 500 the request becomes
						MockHttpServletResponse response = new MockHttpServletResponse();
						timers.record(request, response, status, error, 1_000);
						expected.merge(spring(request, status, error), 1, Integer::sum);
					}
				}
			}
		}
		// every request under exactly the tags Spring's observation gave it: none merged into another's timer
		assertThat(registry.find(RequestTimers.NAME).timers()).hasSize(expected.size());
		expected.forEach((tags, count) -> assertThat(registry.find(RequestTimers.NAME).tags(tags).timers())
				.as("%s", tags).singleElement().extracting(Timer::count).isEqualTo((long) count));
		assertThat(expected.values().stream().mapToInt(Integer::intValue).sum())
				.isEqualTo(METHODS.size() * PATTERNS.size() * STATUSES.size() * ERRORS.size());
	}

	/** As Spring's convention does: otherwise a client could add a series per method it invents. */
	@Test
	void aMethodOutsideHttpsStandardOnesIsTaggedUnknown() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		RequestTimers timers = new RequestTimers(registry);
		for (String method : List.of("FOO", "PROPFIND", "get", "BREW", "")) {
			timers.record(new MockHttpServletRequest(method, "/x"), new MockHttpServletResponse(), 405, null, 1_000);
		}
		assertThat(registry.find(RequestTimers.NAME).timers()).singleElement()
				.satisfies(timer -> assertThat(timer.getId().getTag("method")).isEqualTo("UNKNOWN"))
				.extracting(Timer::count).isEqualTo(5L);
	}

	/** What the observation filter recorded: it unwraps a ServletException to its cause, and sets 500 on an error. */
	private static Tags spring(MockHttpServletRequest request, int status, Throwable failure) {
		Throwable error = failure instanceof ServletException ex && ex.getCause() != null ? ex.getCause() : failure;
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setStatus(status);
		ServerRequestObservationContext context = new ServerRequestObservationContext(request, response);
		if (request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern) {
			context.setPathPattern(pattern);
		}
		context.setError(error);
		List<Tag> tags = new ArrayList<>();
		SPRING.getLowCardinalityKeyValues(context).forEach(value -> tags.add(Tag.of(value.getKey(), value.getValue())));
		tags.add(Tag.of("error", error == null ? "none" : error.getClass().getSimpleName()));
		return Tags.of(tags);
	}
}
