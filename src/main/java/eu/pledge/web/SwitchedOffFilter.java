package eu.pledge.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.util.UrlPathHelper;

import eu.pledge.protection.Switches.Feature;
import eu.pledge.protection.Switches;
import eu.pledge.shared.RequestFilter;

/**
 * Refuses the pages and API endpoints of a feature Secure Patrol switched off (registration, password reset, the
 * contact form) with 403, before any other work: a page saying until when for a browser, an RFC 9457 problem for
 * the API. Requests for anything else pass without a question asked.
 */
class SwitchedOffFilter extends RequestFilter {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
	private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
			.withZone(ZoneOffset.UTC);

	/** A feature's paths: exactly these, or anything below them. */
	private record Paths(Feature feature, List<String> paths, List<String> below) {

		Paths(Feature feature, List<String> paths) {
			this(feature, paths, paths.stream().map(path -> path + "/").toList());
		}

		boolean cover(String path) { // asked on every request: no stream, no string built
			for (int i = 0; i < paths.size(); i++) {
				if (path.equals(paths.get(i)) || path.startsWith(below.get(i))) {
					return true;
				}
			}
			return false;
		}
	}

	private static final List<Paths> FEATURES = List.of(
			new Paths(Feature.REGISTRATION, List.of("/register", "/api/v1/accounts")),
			new Paths(Feature.PASSWORD_RESET, List.of("/password-reset", "/api/v1/password-reset")),
			new Paths(Feature.CONTACT, List.of("/contact", "/api/v1/contact")));

	/**
	 * The path as Spring MVC routes it (percent-decoded, without {@code ;…} parameters, {@code //} collapsed), not the
	 * raw URI: {@code /api/v1/%61ccounts} reaches registration too, and must not pass a switch-off.
	 */
	private static final UrlPathHelper PATHS = new UrlPathHelper();

	static {
		PATHS.setUrlDecode(true);
		PATHS.setRemoveSemicolonContent(true);
	}

	private final Switches switches;
	private final Problems problems;
	private final Clock clock;

	SwitchedOffFilter(Switches switches, Problems problems, Clock clock) {
		this.switches = switches;
		this.problems = problems;
		this.clock = clock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Feature feature = featureOf(PATHS.getPathWithinApplication(request));
		Optional<Instant> until = feature == null ? Optional.empty() : switches.offUntil(feature);
		if (until.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		Instant now = clock.instant();
		long seconds = Math.max(1, (Duration.between(now, until.get()).toMillis() + 999) / 1000);
		response.setHeader("Retry-After", Long.toString(seconds));
		problems.write(request, response, HttpStatus.FORBIDDEN, message(feature, until.get(), now));
	}

	private static Feature featureOf(String path) {
		for (Paths paths : FEATURES) {
			if (paths.cover(path)) {
				return paths.feature();
			}
		}
		return null;
	}

	/** The time is rounded up to the minute, so that "after" holds; a later day is named. */
	static String message(Feature feature, Instant until, Instant now) {
		Instant after = until.truncatedTo(ChronoUnit.MINUTES).equals(until) ? until
				: until.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
		boolean sameDay = after.truncatedTo(ChronoUnit.DAYS).equals(now.truncatedTo(ChronoUnit.DAYS));
		return feature.label() + " is paused for a while because of unusual activity; try again after "
				+ (sameDay ? TIME : DAY_AND_TIME).format(after) + " UTC.";
	}
}
