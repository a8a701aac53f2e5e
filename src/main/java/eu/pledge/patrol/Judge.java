package eu.pledge.patrol;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import eu.pledge.protection.Protection;
import eu.pledge.protection.ProtectionProperties;

/**
 * Judges one detection in one transaction: records it, and for every rule that counts its point, counts the
 * key's detections since the window began or the rule last answered, and answers when the threshold is reached.
 * The key's offender row is locked meanwhile, so the detection that reaches a threshold is the only one that
 * answers it, on every node.
 */
@Component
class Judge {

	private final DetectionRecords detections;
	private final Offenders offenders;
	private final Silences silences;
	private final Map<PatrolProperties.Response, Responder> responders = new EnumMap<>(PatrolProperties.Response.class);
	private final Protection protection;
	private final PatrolProperties properties;
	private final Duration lifetime;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final TransactionTemplate transaction;

	Judge(DetectionRecords detections, Offenders offenders, Silences silences, List<Responder> responders,
			Protection protection, PatrolProperties properties, ProtectionProperties protectionProperties,
			ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactions) {
		this.detections = detections;
		this.offenders = offenders;
		this.silences = silences;
		responders.forEach(responder -> this.responders.put(responder.response(), responder));
		this.protection = protection;
		this.properties = properties;
		this.lifetime = protectionProperties.recordLifetime();
		this.events = events;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
		check(properties, lifetime);
	}

	/** Checked here, where both settings meet: neither properties record knows the other. */
	static void check(PatrolProperties properties, Duration lifetime) {
		if (properties.banMax().compareTo(lifetime) > 0) {
			throw new IllegalStateException("pledge.patrol.ban-max must be at most pledge.protection.record-lifetime: "
					+ "a ban holds an IP address");
		}
		properties.rules().forEach((name, rule) -> {
			if (rule.window().compareTo(lifetime) > 0) { // older detections are deleted: a longer window would undercount
				throw new IllegalStateException("pledge.patrol.rules." + name
						+ ".window must be at most pledge.protection.record-lifetime");
			}
		});
	}

	void judge(Detection detection) {
		transaction.executeWithoutResult(status -> {
			Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
			Instant at = detection.occurredAt().truncatedTo(ChronoUnit.MICROS);
			Instant occurred = at.isAfter(now) ? now : at;
			String address = detection.address() == null ? null : protection.addressKey(detection.address()).orElse(null);
			long id = detections.insert(detection, address, occurred, occurred.plus(lifetime));
			events.publishEvent(new PatrolDetected(id, detection.point(), detection.account(), detection.system()));
			for (Map.Entry<String, PatrolProperties.Rule> rule : properties.rules().entrySet()) {
				if (rule.getValue().points().contains(detection.point())) {
					key(rule.getValue().key(), address, detection)
							.ifPresent(key -> apply(rule.getKey(), rule.getValue(), key, id, address, detection, now));
				}
			}
		});
	}

	private void apply(String name, PatrolProperties.Rule rule, String key, long detectionId, String address,
			Detection detection, Instant now) {
		Offenders.Offender offender = offenders.lock(name, key, now, now.plus(lifetime));
		Instant from = now.minus(rule.window());
		if (offender.countedFrom() != null && offender.countedFrom().isAfter(from)) {
			from = offender.countedFrom(); // what the last answer answered counts no more
		}
		if (detections.count(rule.key(), key, rule.points(), from, now, rule.distinct()) < rule.threshold()
				|| silences.silenced(name, key, now)) {
			return; // a silenced key's detections are recorded and counted; only the answer is held back
		}
		int nth = offender.responses() + 1;
		offenders.answered(name, key, nth, now, now.plus(lifetime));
		PatrolProperties.Response response = Responder.Answer.nth(rule.responses(), nth);
		Responder responder = responders.get(response);
		Long decision = responder == null ? null
				: responder.respond(new Responder.Answer(name, rule, key, nth, detectionId, address, detection, now));
		events.publishEvent(new PatrolResponded(detectionId, name, response, nth, decision, detection.account()));
	}

	private static Optional<String> key(PatrolProperties.Key kind, String address, Detection detection) {
		return switch (kind) {
			case ADDRESS -> Optional.ofNullable(address);
			case ACCOUNT -> Optional.ofNullable(detection.account()).map(Object::toString);
			case SESSION -> Optional.ofNullable(detection.session());
			case SYSTEM -> Optional.of(detection.system());
			case SITE -> Optional.of("site");
		};
	}
}
