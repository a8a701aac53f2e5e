package eu.pledge.patrol;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import eu.pledge.protection.Decision;
import eu.pledge.protection.Decisions;

/**
 * The CrowdSec Local API's two bouncer endpoints, so that an unchanged bouncer (nginx, Traefik, HAProxy, the
 * firewall) configured with {@code api_url: https://<pledge>/api/v1/patrol/crowdsec/} enforces Patrol's decisions.
 * The fields and their meaning are CrowdSec's; a bouncer authenticates with {@code X-Api-Key}. The stream
 * remembers, per bouncer, when it last pulled: a later pull gets what started and what ended since. The live
 * question about one address, asked for every request a bouncer serves, is answered from the node's memory where
 * it can be (the key checked within {@code recheck-after}, an address without a decision in the node's view).
 */
@RestController
@RequestMapping(path = "/api/v1/patrol/crowdsec/v1", produces = "application/json")
class CrowdSecApi {

	/** A decision as CrowdSec writes it; {@code duration} is Go's notation of the time left (negative once ended). */
	record CrowdSecDecision(long id, String origin, String type, String scope, String value, String duration,
			String until, String scenario, boolean simulated) {

		/** Without the address. */
		@Override
		public String toString() {
			return "CrowdSecDecision[" + id + " " + type + "]";
		}
	}

	private static final Map<String, String> FORBIDDEN = Map.of("message", "access forbidden");

	private final PatrolKeys keys;
	private final Decisions decisions;
	private final Clock clock;

	CrowdSecApi(PatrolKeys keys, Decisions decisions, Clock clock) {
		this.keys = keys;
		this.decisions = decisions;
		this.clock = clock;
	}

	@GetMapping("/decisions/stream")
	ResponseEntity<?> stream(@RequestHeader(name = "X-Api-Key", required = false) String key,
			@RequestParam(defaultValue = "false") boolean startup,
			@RequestParam(required = false) String scopes, @RequestParam(required = false) String origins,
			@RequestParam(name = "scenarios_containing", required = false) String containing,
			@RequestParam(name = "scenarios_not_containing", required = false) String notContaining) {
		Optional<PatrolKeys.Key> bouncer = keys.authenticate(PatrolKeys.Kind.BOUNCER, key);
		if (bouncer.isEmpty()) {
			return ResponseEntity.status(HttpStatus.FORBIDDEN).body(FORBIDDEN);
		}
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		Predicate<Decision> wanted = filter(scopes, origins, containing, notContaining);
		List<Decision> started;
		List<Decision> ended;
		if (startup || bouncer.get().lastUsed() == null) {
			started = decisions.inForce();
			ended = List.of();
		}
		else {
			Decisions.Changes changes = decisions.changes(bouncer.get().lastUsed(), now);
			started = changes.started();
			ended = changes.ended();
		}
		keys.used(bouncer.get().id(), now); // a bouncer's key is used by its stream pulls only: the next starts here
		Map<String, List<CrowdSecDecision>> body = new java.util.LinkedHashMap<>();
		// Empty lists rather than CrowdSec's null: the application writes no nulls, and bouncers take either
		body.put("new", started.stream().filter(wanted).map(d -> crowdSec(d, now)).toList());
		body.put("deleted", ended.stream().filter(wanted).map(d -> crowdSec(d, now)).toList());
		return ResponseEntity.ok(body);
	}

	@GetMapping("/decisions")
	ResponseEntity<?> decisions(@RequestHeader(name = "X-Api-Key", required = false) String key,
			@RequestParam(required = false) String ip, @RequestParam(required = false) String range,
			@RequestParam(required = false) String scope, @RequestParam(required = false) String value,
			@RequestParam(required = false) String type) {
		if (keys.authenticateRecent(PatrolKeys.Kind.BOUNCER, key).isEmpty()) {
			return ResponseEntity.status(HttpStatus.FORBIDDEN).body(FORBIDDEN);
		}
		Instant now = clock.instant();
		String address = ip != null ? ip : value != null && (scope == null || scope.equalsIgnoreCase("ip")) ? value
				: range != null ? range.split("/")[0] : null;
		List<Decision> found = address != null ? decisions.inForceAsSeenHere(address) : decisions.inForce();
		List<CrowdSecDecision> answer = found.stream().filter(d -> type == null || d.type().value().equals(type))
				.map(d -> crowdSec(d, now)).toList();
		if (answer.isEmpty()) { // CrowdSec answers the JSON literal null when there is none, and bouncers expect it
			return ResponseEntity.ok().contentType(org.springframework.http.MediaType.APPLICATION_JSON).body("null");
		}
		return ResponseEntity.ok(answer);
	}

	private static Predicate<Decision> filter(String scopes, String origins, String containing, String notContaining) {
		Set<String> inScopes = list(scopes);
		Set<String> fromOrigins = list(origins);
		Set<String> containingAny = list(containing);
		Set<String> containingNone = list(notContaining);
		return d -> (inScopes.isEmpty() || inScopes.contains(d.scope().toLowerCase(java.util.Locale.ROOT)))
				&& (fromOrigins.isEmpty() || fromOrigins.contains(d.origin().toLowerCase(java.util.Locale.ROOT)))
				&& (containingAny.isEmpty() || containingAny.stream().anyMatch(part -> d.scenario().contains(part)))
				&& containingNone.stream().noneMatch(part -> d.scenario().contains(part));
	}

	private static Set<String> list(String values) {
		return values == null ? Set.of()
				: Arrays.stream(values.split(",")).map(String::strip).filter(v -> !v.isEmpty())
						.map(v -> v.toLowerCase(java.util.Locale.ROOT)).collect(Collectors.toSet());
	}

	private static CrowdSecDecision crowdSec(Decision decision, Instant now) {
		Instant end = decision.liftedAt() != null ? decision.liftedAt() : decision.expiresAt();
		return new CrowdSecDecision(decision.id(), decision.origin(), decision.type().value(), decision.scope(),
				decision.value(), goDuration(Duration.between(now, end)), end.toString(), decision.scenario(), false);
	}

	/** Go's {@code time.Duration} notation, which bouncers parse: {@code 3h59m56.5s}, {@code -1m2s}. */
	static String goDuration(Duration duration) {
		String sign = duration.isNegative() ? "-" : "";
		Duration d = duration.abs();
		long millis = d.toMillisPart();
		String seconds = d.toSecondsPart() + (millis > 0 ? String.format(java.util.Locale.ROOT, ".%03d", millis) : "");
		return sign + (d.toHours() > 0 ? d.toHours() + "h" : "") + (d.toHours() > 0 || d.toMinutesPart() > 0
				? d.toMinutesPart() + "m" : "") + seconds + "s";
	}

}
