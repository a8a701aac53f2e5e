package eu.pledge.patrol;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import eu.pledge.access.AccessProperties;
import eu.pledge.protection.Decision;
import eu.pledge.protection.Decisions;
import eu.pledge.protection.Protection;
import eu.pledge.protection.Switches;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Rejected;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The administrators' JSON API for Secure Patrol: its detections, the responses in force (decisions) and lifting
 * them, and the CrowdSec bouncers that read the decisions.
 */
@RestController
@RequestMapping(path = "/api/v1/admin/patrol", produces = "application/json")
class PatrolAdminApi {

	private static final int PAGE = 100;

	private final PatrolKeys keys;
	private final Set<String> systems;
	private final DetectionRecords detections;
	private final Decisions decisions;
	private final Switches switches;
	private final Lifts lifts;
	private final Silencing silencing;
	private final Silences silences;
	private final PatrolFeed feed;
	private final Protection protection;
	private final Clock clock;

	PatrolAdminApi(PatrolKeys keys, DetectionRecords detections, Decisions decisions, Switches switches, Lifts lifts,
			Silencing silencing, Silences silences, PatrolFeed feed, Protection protection, AccessProperties access,
			Clock clock) {
		this.keys = keys;
		this.systems = access.systems().keySet();
		this.detections = detections;
		this.decisions = decisions;
		this.switches = switches;
		this.lifts = lifts;
		this.silencing = silencing;
		this.silences = silences;
		this.feed = feed;
		this.protection = protection;
		this.clock = clock;
	}

	/** One detection as administrators see it. */
	record DetectionView(long id, String point, String appSensor, String address, String account, String system,
			String detail, Instant occurredAt) {

		@Override
		public String toString() {
			return "DetectionView[" + id + "]";
		}
	}

	static DetectionView view(DetectionRecords.Stored d) {
		return new DetectionView(d.id(), d.point().id(), d.point().appSensor(), d.address(),
				d.account() == null ? null : d.account().toString(), d.system(), d.detail(), d.occurredAt());
	}

	/** The live feed of detections, as Server-Sent Events named {@code detection}. */
	@GetMapping(path = "/feed", produces = "text/event-stream")
	SseEmitter feed() {
		return feed.listen();
	}

	/** A page of detections, newest first; {@code next} is the cursor of the following page, if there is one. */
	@Schema(name = "DetectionPage") // one schema name per type in the API document
	record Page(List<DetectionView> items, Long next) {
	}

	/**
	 * @param key an IP address (an IPv6 one stands for its prefix) or an account id
	 * @param from from this instant (default: 48 hours ago, the longest a detection lives)
	 * @param to before this instant (default: now)
	 */
	@GetMapping("/detections")
	Page detections(@RequestParam(required = false) String point, @RequestParam(required = false) String key,
			@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
			@RequestParam(required = false) Long cursor) {
		Point wanted = point == null || point.isBlank() ? null : Arrays.stream(Point.values())
				.filter(p -> p.id().equals(point.strip())).findFirst()
				.orElseThrow(() -> new Rejected(HttpStatus.BAD_REQUEST, "point", "There is no detection point of that name."));
		String byKey = key == null || key.isBlank() ? null : protection.addressKey(key).orElse(key.strip());
		if (byKey != null && byKey.length() > 45) {
			throw new Rejected(HttpStatus.BAD_REQUEST, "key", "A key is an IP address or an account id.");
		}
		Instant now = clock.instant();
		List<DetectionRecords.Stored> found = detections.search(wanted, byKey,
				from != null ? from : now.minus(Duration.ofHours(48)), to != null ? to : now.plusSeconds(1),
				cursor != null ? cursor : Long.MAX_VALUE, PAGE);
		List<DetectionView> items = found.stream().map(PatrolAdminApi::view).toList();
		return new Page(items, items.size() == PAGE ? items.get(PAGE - 1).id() : null);
	}

	/** A decision in force, as CrowdSec names its fields. */
	record ResponseView(long id, String type, String scope, String value, String scenario, String origin,
			Instant createdAt, Instant expiresAt) {

		@Override
		public String toString() {
			return "ResponseView[" + id + "]";
		}
	}

	/**
	 * The responses in force that outlive a request: the decisions against addresses, then the site-wide ones
	 * (scope {@code Site}: a sign-in challenge, a feature switched off).
	 */
	@GetMapping("/responses")
	List<ResponseView> responses() {
		return java.util.stream.Stream.concat(decisions.inForce().stream(), switches.inForce().stream()).map((Decision d) -> new ResponseView(d.id(), d.type().value(), d.scope(),
				d.value(), d.scenario(), d.origin(), d.createdAt(), d.expiresAt())).toList();
	}

	@DeleteMapping("/responses/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void lift(Authentication authentication, @PathVariable long id) {
		lifts.lift(AccountId.from(authentication), id);
	}

	/** A silence as administrators set it: {@code until} defaults to an hour from now. */
	record NewSilence(String rule, String key, Instant until) {

		/** Without the key: it may be an IP address. */
		@Override
		public String toString() {
			return "NewSilence[" + rule + "]";
		}
	}

	/** A silence in force. */
	record SilenceView(long id, String rule, String key, Instant createdAt, Instant until) {

		static SilenceView of(Silences.Silence s) {
			return new SilenceView(s.id(), s.rule(), s.key(), s.createdAt(), s.expiresAt());
		}

		@Override
		public String toString() {
			return "SilenceView[" + id + "]";
		}
	}

	@GetMapping("/silences")
	List<SilenceView> silences() {
		return silences.active(clock.instant()).stream().map(SilenceView::of).toList();
	}

	/** Silences a rule for one key; silencing it again moves the end. */
	@PostMapping("/silences")
	@ResponseStatus(HttpStatus.CREATED)
	SilenceView silence(Authentication authentication, @RequestBody(required = false) NewSilence silence) {
		if (silence == null) {
			throw Rejected.badRequest("rule", "A silence names a rule, a key and optionally when it ends.");
		}
		return SilenceView.of(silencing.silence(AccountId.from(authentication), silence.rule(), silence.key(),
				silence.until()));
	}

	/** Ends the silence of a rule for a key, named as when it was set. */
	@DeleteMapping("/silences")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void endSilence(Authentication authentication, @RequestParam(required = false) String rule,
			@RequestParam(required = false) String key) {
		silencing.end(AccountId.from(authentication), rule, key);
	}

	@DeleteMapping("/silences/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void endSilence(Authentication authentication, @PathVariable long id) {
		silencing.end(AccountId.from(authentication), id);
	}

	record NewBouncer(String name) {
	}

	record NewSystemKey(String system) {
	}

	@GetMapping("/bouncers")
	List<PatrolKeys.Key> bouncers() {
		return keys.list(PatrolKeys.Kind.BOUNCER);
	}

	/** The answer holds the secret: the only time it is shown. */
	@PostMapping("/bouncers")
	@ResponseStatus(HttpStatus.CREATED)
	PatrolKeys.Issued register(Authentication authentication, @RequestBody NewBouncer bouncer) {
		return keys.issue(PatrolKeys.Kind.BOUNCER, AccountId.from(authentication), bouncer.name());
	}

	@DeleteMapping("/bouncers/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revoke(Authentication authentication, @PathVariable long id) {
		keys.revoke(PatrolKeys.Kind.BOUNCER, AccountId.from(authentication), id);
	}

	@GetMapping("/keys")
	List<PatrolKeys.Key> systemKeys() {
		return keys.list(PatrolKeys.Kind.SYSTEM);
	}

	/** A key for one of the vendor's systems (as named in {@code pledge.access.systems}) to report detections. */
	@PostMapping("/keys")
	@ResponseStatus(HttpStatus.CREATED)
	PatrolKeys.Issued issueSystemKey(Authentication authentication, @RequestBody NewSystemKey key) {
		if (key.system() == null || !systems.contains(key.system())) {
			throw new Rejected(HttpStatus.BAD_REQUEST, "system", "There is no system of that name in the catalogue.");
		}
		return keys.issue(PatrolKeys.Kind.SYSTEM, AccountId.from(authentication), key.system());
	}

	@DeleteMapping("/keys/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revokeSystemKey(Authentication authentication, @PathVariable long id) {
		keys.revoke(PatrolKeys.Kind.SYSTEM, AccountId.from(authentication), id);
	}
}
