package eu.pledge.errors.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import eu.pledge.errors.IngestKeyRefused;
import eu.pledge.errors.tracker.ErrorEvent;
import eu.pledge.errors.tracker.Tracker;
import eu.pledge.protection.RateLimits;
import eu.pledge.shared.ProblemResponses;
import eu.pledge.shared.Rejected;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The Sentry-compatible ingest: {@code POST /api/{projectId}/envelope/} and {@code /store/}, as Sentry's SDKs
 * send them. Authenticated by the project's DSN key (never a session or cookie), limited in size and rate,
 * answered with {@code {"id": "<event_id>"}} once the event is queued for the {@link Tracker}. Items other
 * than events (transactions, sessions, client reports, attachments, …) are accepted and dropped. A request it
 * cannot take is refused with {@link Rejected}; {@link IngestFilter} serves it over HTTP.
 */
@Component
class SentryIngest {

	private static final Set<String> ENVELOPE_TYPES = Set.of("application/x-sentry-envelope", "application/octet-stream",
			"text/plain");
	private static final Set<String> STORE_TYPES = Set.of("application/json", "text/plain", "application/octet-stream");
	private static final Set<String> EVENT_ITEMS = Set.of("event");

	/**
	 * What the sender is told: a status and the JSON body; for a refusal also its reason (problem details in
	 * the body) and, for 429 and 503, how long to wait and Sentry's rate-limit header.
	 */
	record Answer(HttpStatus status, byte[] body, String detail, long retryAfter, String rateLimits) {

		static Answer accepted(String id) {
			String json = id == null ? "{}" : "{\"id\":\"" + id + "\"}"; // an id is 32 hex characters
			return new Answer(HttpStatus.OK, json.getBytes(StandardCharsets.US_ASCII), null, 0, null);
		}
	}

	private final ProjectKeys keys;
	private final RateLimits rateLimits;
	private final RateLimits.Bucket perProject;
	private final IngestQueue queue;
	private final IngestProperties limits;
	private final ObjectMapper json;
	private final ProblemResponses problems;
	private final Clock clock;
	private final Counter accepted;
	private final Counter refused;
	private final ApplicationEventPublisher events;

	SentryIngest(ProjectKeys keys, RateLimits rateLimits, IngestQueue queue, IngestProperties limits,
			ObjectMapper json, ProblemResponses problems, Clock clock, MeterRegistry meters,
			ApplicationEventPublisher events) {
		this.events = events;
		this.keys = keys;
		this.rateLimits = rateLimits;
		// Events per project and clock minute, on this node (with N nodes a project may send up to N times the
		// limit: it protects each node, it is no quota); refused events do not use up the allowance.
		this.perProject = rateLimits.bucket(new RateLimits.Bucket("error-ingest", RateLimits.Scope.NODE,
				RateLimits.Keys.OPAQUE, limits.eventsPerMinute(), Duration.ofMinutes(1), false, RateLimits.Start.CLOCK));
		this.queue = queue;
		this.limits = limits;
		this.json = json;
		this.problems = problems;
		this.clock = clock;
		this.accepted = meters.counter("pledge.errors.ingest.events", "outcome", "accepted");
		this.refused = meters.counter("pledge.errors.ingest.events", "outcome", "refused");
	}

	Answer envelope(String projectId, HttpServletRequest request) {
		long project = projectId(projectId);
		contentType(request, ENVELOPE_TYPES);
		String key = SentryAuth.key(request);
		if (key != null) {
			authenticate(key, project);
		}
		Envelopes.Envelope envelope = Envelopes.read(json, IngestBodies.read(request, limits));
		if (key == null) {
			authenticate(SentryAuth.keyOfDsn(SentryEvents.text(envelope.header().get("dsn"))), project);
		}
		String envelopeEventId = SentryEvents.text(envelope.header().get("event_id"));
		List<ErrorEvent> events = new ArrayList<>();
		for (Envelopes.Item item : envelope.items()) {
			if (EVENT_ITEMS.contains(item.type())) {
				JsonNode event = SentryEvents.read(json, item.body(), item.offset(), item.length());
				events.add(SentryEvents.parse(event, envelopeEventId, project, clock.instant()));
			}
		}
		String id = events.isEmpty() ? envelopeEventId == null ? null : SentryEvents.eventId(envelopeEventId, null)
				: events.get(0).eventId();
		return accept(project, events, id);
	}

	Answer store(String projectId, HttpServletRequest request) {
		long project = projectId(projectId);
		contentType(request, STORE_TYPES);
		authenticate(SentryAuth.key(request), project);
		byte[] body = IngestBodies.read(request, limits);
		ErrorEvent event = SentryEvents.parse(SentryEvents.read(json, body, 0, body.length), null, project, clock.instant());
		return accept(project, List.of(event), event.eventId());
	}

	private Answer accept(long project, List<ErrorEvent> events, String id) {
		if (!events.isEmpty()) {
			RateLimits.Decision decision = rateLimits.take(perProject, Long.toString(project), events.size());
			if (!decision.allowed()) {
				long retryAfter = decision.retryAfterSeconds();
				refused.increment(events.size());
				return refusal(HttpStatus.TOO_MANY_REQUESTS, retryAfter,
						"This project sent more than " + limits.eventsPerMinute() + " events this minute.",
						retryAfter + ":error;default:project:project_quota");
			}
			for (ErrorEvent event : events) {
				if (!queue.offer(event)) {
					refused.increment();
					return refusal(HttpStatus.SERVICE_UNAVAILABLE, 1, "Pledge is busy storing events; try again shortly.",
							null);
				}
				accepted.increment();
			}
		}
		return Answer.accepted(id);
	}

	private Answer refusal(HttpStatus status, long retryAfter, String detail, String rateLimits) {
		return new Answer(status, problem(status, detail, null, null), detail, retryAfter, rateLimits);
	}

	/** A refusal as RFC 9457 problem details, as the rest of the API writes them. */
	Answer refusal(HttpStatus status, String detail, String field, String instance) {
		return new Answer(status, problem(status, detail, field, instance), detail, 0, null);
	}

	private byte[] problem(HttpStatus status, String detail, String field, String instance) {
		ProblemDetail problem = ProblemResponses.problem(status, detail, field);
		if (instance != null) {
			problem.setInstance(ProblemResponses.instance(instance));
		}
		return problems.body(problem);
	}

	private void authenticate(String key, long project) {
		if (key == null) {
			refusedKey(IngestKeyRefused.Reason.MISSING);
			throw new Rejected(HttpStatus.UNAUTHORIZED,
					"Send the DSN's public key (X-Sentry-Auth: Sentry sentry_key=…, or ?sentry_key=…).");
		}
		Long owner = keys.projectOf(key);
		if (owner == null) {
			refusedKey(IngestKeyRefused.Reason.UNKNOWN);
			throw new Rejected(HttpStatus.UNAUTHORIZED, "This DSN key is unknown or has been revoked.");
		}
		if (owner != project) {
			refusedKey(IngestKeyRefused.Reason.OTHER_PROJECT);
			throw new Rejected(HttpStatus.FORBIDDEN, "This DSN key belongs to another project.");
		}
	}

	/** For Secure Patrol, on the request's thread; the key stays here. */
	private void refusedKey(IngestKeyRefused.Reason reason) {
		events.publishEvent(new IngestKeyRefused(reason, clock.instant()));
	}

	private static long projectId(String projectId) {
		if (projectId.isEmpty() || projectId.length() > 18 || !projectId.chars().allMatch(Character::isDigit)) {
			throw new Rejected(HttpStatus.NOT_FOUND, "There is no such project: the project id is a number.");
		}
		return Long.parseLong(projectId);
	}

	private static void contentType(HttpServletRequest request, Set<String> accepted) {
		String type = request.getContentType();
		if (type == null) {
			return;
		}
		String bare = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
		if (!bare.isEmpty() && !accepted.contains(bare)) {
			throw new Rejected(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "This endpoint accepts " + String.join(", ", accepted)
					+ ", not " + (bare.length() > 100 ? bare.substring(0, 100) : bare) + ".");
		}
	}
}
