package eu.pledge.patrol;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import eu.pledge.protection.Protection;
import eu.pledge.protection.ProtectionProperties;
import eu.pledge.protection.RateLimits;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Rejected;

/**
 * The vendor's other systems report detection points of their own: a batch of events, authenticated with the
 * system's key ({@code X-Api-Key}). They count in the same rules as Pledge's own. A batch is taken whole or not
 * at all: one bad event refuses it, naming the event and the field.
 */
@RestController
class PatrolEventsApi {

	/** One reported event; {@code system}, when given, must be the key's own. */
	record ReportedEvent(String point, String address, String account, String system, Instant occurredAt,
			String detail) {

		@Override
		public String toString() {
			return "ReportedEvent[" + point + "]";
		}
	}

	static final int MAX_BATCH = 100;
	/** A reporting system's clock may run a little ahead of Pledge's. */
	private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

	private final PatrolKeys keys;
	private final Patrol patrol;
	private final RateLimits rateLimits;
	private final RateLimits.Bucket perKey;
	private final int perMinute;
	private final Protection protection;
	private final Duration lifetime;
	private final Clock clock;

	PatrolEventsApi(PatrolKeys keys, Patrol patrol, RateLimits rateLimits, PatrolProperties properties,
			Protection protection, ProtectionProperties protectionProperties, Clock clock) {
		this.keys = keys;
		this.patrol = patrol;
		this.rateLimits = rateLimits;
		this.perMinute = properties.eventsPerMinute();
		// counted in the database: a system's reporters spread over every node share one allowance
		this.perKey = rateLimits.bucket(new RateLimits.Bucket("patrol-events", RateLimits.Scope.CLUSTER,
				RateLimits.Keys.OPAQUE, perMinute, Duration.ofMinutes(1), false, RateLimits.Start.CLOCK));
		this.protection = protection;
		this.lifetime = protectionProperties.recordLifetime();
		this.clock = clock;
	}

	@PostMapping(path = "/api/v1/patrol/events", produces = "application/json")
	ResponseEntity<Map<String, Object>> report(@RequestHeader(name = "X-Api-Key", required = false) String key,
			@RequestBody(required = false) List<ReportedEvent> events) {
		Optional<PatrolKeys.Key> system = keys.authenticate(PatrolKeys.Kind.SYSTEM, key);
		if (system.isEmpty()) {
			throw new Rejected(HttpStatus.UNAUTHORIZED, "A valid system key is needed in X-Api-Key.");
		}
		if (events == null || events.isEmpty() || events.size() > MAX_BATCH) {
			throw new Rejected(HttpStatus.BAD_REQUEST, "events", "A batch is a JSON array of 1 to " + MAX_BATCH + " events.");
		}
		Instant now = clock.instant();
		List<Detection> detections = new ArrayList<>();
		for (int i = 0; i < events.size(); i++) {
			detections.add(detection(events.get(i), "[" + i + "].", system.get().name(), now));
		}
		RateLimits.Decision allowance = rateLimits.take(perKey, Long.toString(system.get().id()), detections.size());
		if (!allowance.allowed()) {
			throw Rejected.tooMany("This key reported more than " + perMinute + " events this minute; the batch was not "
					+ "taken. Send it again after Retry-After.", allowance.retryAfterSeconds());
		}
		keys.used(system.get().id(), now);
		detections.forEach(patrol::report);
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("accepted", detections.size()));
	}

	private Detection detection(ReportedEvent event, String at, String system, Instant now) {
		if (event == null) {
			throw new Rejected(HttpStatus.BAD_REQUEST, at + "point", "An event is an object.");
		}
		Point point = Arrays.stream(Point.values()).filter(p -> p.id().equals(event.point())).findFirst()
				.orElseThrow(() -> new Rejected(HttpStatus.BAD_REQUEST, at + "point", "There is no detection point of that name."));
		if (event.system() != null && !event.system().equals(system)) {
			throw new Rejected(HttpStatus.BAD_REQUEST, at + "system", "A key reports for its own system only.");
		}
		if (event.address() != null && protection.addressKey(event.address()).isEmpty()) {
			throw new Rejected(HttpStatus.BAD_REQUEST, at + "address", "An address is an IPv4 or IPv6 address.");
		}
		AccountId account = null;
		if (event.account() != null) {
			try {
				account = new AccountId(UUID.fromString(event.account()));
			}
			catch (IllegalArgumentException ex) {
				throw new Rejected(HttpStatus.BAD_REQUEST, at + "account", "An account is the id Pledge gave it (a UUID).");
			}
		}
		Instant occurred = event.occurredAt() != null ? event.occurredAt() : now;
		if (occurred.isAfter(now.plus(CLOCK_SKEW)) || occurred.isBefore(now.minus(lifetime))) {
			throw new Rejected(HttpStatus.BAD_REQUEST, at + "occurredAt",
					"An event is reported within the record lifetime of when it happened, and not from the future.");
		}
		String detail = event.detail() == null ? null : event.detail().replaceAll("\\p{Cntrl}", " ").strip();
		if (detail != null && detail.length() > 200) {
			throw new Rejected(HttpStatus.BAD_REQUEST, at + "detail", "A detail is at most 200 characters.");
		}
		return new Detection(point, event.address(), account, system, detail, occurred.isAfter(now) ? now : occurred);
	}
}
