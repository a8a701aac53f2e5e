package eu.pledge.serverlogs;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
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
 * The tags are those of Spring's {@code DefaultServerRequestObservationConvention} and Micrometer's
 * {@code DefaultMeterObservationHandler} ({@code RequestTimersTests} holds them to both): {@code uri} is the route
 * pattern Spring MVC matched ({@code root} for an empty one; {@code REDIRECTION}, {@code NOT_FOUND} or
 * {@code UNKNOWN} when no route matched), {@code status}, {@code outcome} ({@code SUCCESS}, {@code CLIENT_ERROR}, …),
 * {@code exception} and {@code error} (the class of an exception that escaped, {@code none} otherwise), and
 * {@code method} ({@code UNKNOWN} for a method outside HTTP's standard ones, so a client cannot add a series per
 * method it invents). Every tag is thus drawn from a set fixed by the application (its routes, the status codes it
 * answers, its exception classes): the timers, kept in a map by their tags, are bounded without a cap.
 */
final class RequestTimers {

	static final String NAME = "http.server.requests";

	private final MeterRegistry registry;

	private final ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();

	RequestTimers(MeterRegistry registry) {
		this.registry = registry;
	}

	private record Key(String method, String uri, int status, String exception, String error) {
	}

	/**
	 * Records one request that took {@code nanos}: answered with {@code status}, or ended by {@code failure} (then
	 * tagged as the 500 it becomes).
	 */
	void record(HttpServletRequest request, int status, Throwable failure, long nanos) {
		Key key = key(request, status, failure);
		Timer timer = timers.get(key);
		if (timer == null) {
			timer = timers.computeIfAbsent(key, this::register);
		}
		timer.record(nanos, TimeUnit.NANOSECONDS);
	}

	private Timer register(Key key) {
		return Timer.builder(NAME).tags(tags(key)).register(registry);
	}

	/** The tags a request gets (for tests). */
	static Tags tags(HttpServletRequest request, int status, Throwable failure) {
		return tags(key(request, status, failure));
	}

	private static Key key(HttpServletRequest request, int status, Throwable failure) {
		// as Spring's observation filter: a ServletException stands for its cause
		Throwable error = failure instanceof ServletException ex && ex.getCause() != null ? ex.getCause() : failure;
		return new Key(method(request.getMethod()), uri(request, status), status, exception(error),
				error == null ? "none" : error.getClass().getSimpleName());
	}

	private static Tags tags(Key key) {
		return Tags.of("error", key.error(), "exception", key.exception(), "method", key.method(), "outcome",
				outcome(key.status()), "status", Integer.toString(key.status()), "uri", key.uri());
	}

	/** The method as one of these constants (their hash codes are computed once). */
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

	private static String uri(HttpServletRequest request, int status) {
		if (request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern) {
			return pattern.isEmpty() ? "root" : pattern;
		}
		if (status >= 300 && status < 400 && HttpStatus.resolve(status) != null) {
			return "REDIRECTION";
		}
		return status == 404 ? "NOT_FOUND" : "UNKNOWN";
	}

	private static String exception(Throwable error) {
		if (error == null) {
			return "none";
		}
		String name = error.getClass().getSimpleName();
		return name.isEmpty() ? error.getClass().getName() : name;
	}

	private static String outcome(int status) {
		if (status >= 200 && status < 300) {
			return "SUCCESS";
		}
		HttpStatus known = HttpStatus.resolve(status);
		return known == null ? "UNKNOWN" : known.series().name();
	}
}
