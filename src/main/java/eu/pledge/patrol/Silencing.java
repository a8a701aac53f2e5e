package eu.pledge.patrol;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.access.AccessProperties;
import eu.pledge.protection.Protection;
import eu.pledge.protection.ProtectionProperties;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Rejected;

/**
 * Administrators silence a rule for one key (an address that is a known scanner of their own, an account under a
 * test, a noisy system) for a bounded time, and end a silence early. Both are audit events.
 */
@Service
class Silencing {

	/** How long a silence lasts when the administrator names no end. */
	static final Duration DEFAULT = Duration.ofHours(1);
	private static final Pattern SESSION = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private final Silences silences;
	private final PatrolProperties properties;
	private final Protection protection;
	private final Duration lifetime;
	private final Set<String> systems;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	Silencing(Silences silences, PatrolProperties properties, Protection protection,
			ProtectionProperties protectionProperties, AccessProperties access, ApplicationEventPublisher events,
			Clock clock) {
		this.silences = silences;
		this.properties = properties;
		this.protection = protection;
		this.lifetime = protectionProperties.recordLifetime();
		this.systems = access.systems().keySet();
		this.events = events;
		this.clock = clock;
	}

	/**
	 * @param key what the rule counts by: an IP address (an IPv6 one stands for its prefix), an account id, a
	 *        session pseudonym, a system's name, or nothing for a site-wide rule
	 * @param until when the silence ends (default: in an hour; at most the record lifetime from now)
	 */
	@Transactional
	Silences.Silence silence(AccountId by, String rule, String key, Instant until) {
		PatrolProperties.Rule settings = rule == null ? null : properties.rules().get(rule.strip());
		if (settings == null) {
			throw Rejected.badRequest("rule", "There is no rule of that name.");
		}
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		Instant end = until == null ? now.plus(DEFAULT) : until.truncatedTo(ChronoUnit.MICROS);
		if (!end.isAfter(now) || end.isAfter(now.plus(lifetime))) {
			throw Rejected.badRequest("until", "A silence ends after now and within " + lifetime.toHours()
					+ " hours (it may name an IP address, which Pledge keeps no longer).");
		}
		Silences.Silence silence = silences.silence(rule.strip(), key(settings.key(), key), now, end);
		events.publishEvent(new PatrolSilenced(by, silence.id(), silence.rule(), silence.expiresAt(), false));
		return silence;
	}

	/** Ends the silence of {@code rule} for {@code key} (given as to {@link #silence}). */
	@Transactional
	void end(AccountId by, String rule, String key) {
		PatrolProperties.Rule settings = rule == null ? null : properties.rules().get(rule.strip());
		if (settings == null) {
			throw Rejected.badRequest("rule", "There is no rule of that name.");
		}
		Silences.Silence silence = silences.find(rule.strip(), key(settings.key(), key), clock.instant())
				.orElseThrow(() -> new Rejected(HttpStatus.NOT_FOUND, "That rule is not silenced for that key."));
		end(by, silence.id());
	}

	@Transactional
	void end(AccountId by, long id) {
		Instant now = clock.instant();
		Silences.Silence silence = silences.active(now).stream().filter(s -> s.id() == id).findFirst()
				.orElseThrow(() -> new Rejected(HttpStatus.NOT_FOUND, "There is no silence " + id + " in force."));
		if (!silences.end(id, now)) {
			throw new Rejected(HttpStatus.NOT_FOUND, "There is no silence " + id + " in force.");
		}
		events.publishEvent(new PatrolSilenced(by, id, silence.rule(), silence.expiresAt(), true));
	}

	/** The key as the judge sees it, or a refusal that says what the rule counts by. */
	private String key(PatrolProperties.Key kind, String key) {
		String given = key == null ? "" : key.strip();
		return switch (kind) {
			case ADDRESS -> protection.addressKey(given).orElseThrow(
					() -> Rejected.badRequest("key", "This rule counts by address: the key is an IPv4 or IPv6 address."));
			case ACCOUNT -> {
				try {
					yield new AccountId(UUID.fromString(given)).toString();
				}
				catch (IllegalArgumentException ex) {
					throw Rejected.badRequest("key", "This rule counts by account: the key is an account id (a UUID).");
				}
			}
			case SESSION -> {
				if (!SESSION.matcher(given).matches()) {
					throw Rejected.badRequest("key", "This rule counts by session: the key is a session's pseudonym.");
				}
				yield given;
			}
			case SYSTEM -> {
				if (!given.equals(Detection.PLEDGE) && !systems.contains(given)) {
					throw Rejected.badRequest("key", "This rule counts by system: the key is pledge or a system's name.");
				}
				yield given;
			}
			case SITE -> {
				if (!given.isEmpty() && !given.equals("site")) {
					throw Rejected.badRequest("key", "This rule counts the whole site: leave the key out.");
				}
				yield "site";
			}
		};
	}
}
