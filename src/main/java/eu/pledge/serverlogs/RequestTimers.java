package eu.pledge.serverlogs;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.web.servlet.HandlerMapping;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The {@code http.server.requests} timer (Prometheus: {@code http_server_requests_seconds}), recorded from the
 * access log's own timing of each request instead of Spring Boot's observation filter, which timed every request a
 * second time and looked its timer up by building the tags anew (this saved 5 % of a {@code GET /api/v1/me}'s CPU,
 * docs/PERFORMANCE.md).
 * <p>
 * The tags are those Spring's {@link DefaultServerRequestObservationConvention} gives (it is asked, once per distinct
 * timer) plus Micrometer's {@code error} tag: {@code uri} is the route pattern Spring MVC matched ({@code root} for an
 * empty one; {@code REDIRECTION}, {@code NOT_FOUND} or {@code UNKNOWN} when no route matched), {@code status},
 * {@code outcome} ({@code SUCCESS}, {@code CLIENT_ERROR}, …), {@code exception} and {@code error} (the class of an
 * exception that escaped, {@code none} otherwise), and {@code method} ({@code UNKNOWN} for a method outside HTTP's
 * standard ones). A request is looked up by what decides its tags — method, matched pattern, status, error class —
 * each drawn from a set fixed by the application (its routes, the status codes it answers, its exception classes;
 * an invented method counts as one): the timers, kept in a map by these keys, are bounded without a cap.
 */
final class RequestTimers {

	static final String NAME = "http.server.requests";

	private static final ServerRequestObservationConvention CONVENTION = new DefaultServerRequestObservationConvention();

	private final MeterRegistry registry;

	private final ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();

	RequestTimers(MeterRegistry registry) {
		this.registry = registry;
	}

	/** What decides a request's tags. */
	private record Key(String method, String pattern, int status, Class<?> error) {
	}

	/**
	 * Records one request that took {@code nanos}: answered with {@code status}, or ended by {@code failure} (then
	 * tagged as the 500 it becomes).
	 */
	void record(HttpServletRequest request, HttpServletResponse response, int status, Throwable failure, long nanos) {
		Throwable error = cause(failure);
		Key key = key(request, status, error);
		Timer timer = timers.get(key);
		if (timer == null) {
			timer = timers.computeIfAbsent(key, k -> Timer.builder(NAME).tags(tags(request, response, k, error))
				.register(registry));
		}
		timer.record(nanos, TimeUnit.NANOSECONDS);
	}

	private static Key key(HttpServletRequest request, int status, Throwable error) {
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		return new Key(method(request.getMethod()), pattern instanceof String matched ? matched : null, status,
				error == null ? null : error.getClass());
	}

	private static Tags tags(HttpServletRequest request, HttpServletResponse response, Key key, Throwable error) {
		ServerRequestObservationContext context = new ServerRequestObservationContext(request,
				new HttpServletResponseWrapper(response) {
					@Override
					public int getStatus() {
						return key.status(); // a failure's 500, which the response itself may not carry yet
					}
				});
		context.setPathPattern(key.pattern());
		context.setError(error);
		Tags tags = Tags.of("error", error == null ? "none" : error.getClass().getSimpleName()); // Micrometer's
		for (var value : CONVENTION.getLowCardinalityKeyValues(context)) {
			tags = tags.and(value.getKey(), value.getValue());
		}
		return tags;
	}

	/** As Spring's observation filter: a ServletException stands for its cause. */
	private static Throwable cause(Throwable failure) {
		return failure instanceof ServletException ex && ex.getCause() != null ? ex.getCause() : failure;
	}

	/**
	 * The method as a constant, every one outside HTTP's standard ones as one key: the convention tags them all
	 * {@code UNKNOWN}, and a client inventing methods must not grow the map.
	 */
	private static String method(String method) {
		return switch (method == null ? "" : method) {
			case "GET" -> "GET";
			case "HEAD" -> "HEAD";
			case "POST" -> "POST";
			case "PUT" -> "PUT";
			case "PATCH" -> "PATCH";
			case "DELETE" -> "DELETE";
			case "OPTIONS" -> "OPTIONS";
			case "TRACE" -> "TRACE";
			default -> "UNKNOWN";
		};
	}
}
