package eu.pledge.protection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decisions against client addresses, made by Secure Patrol or an administrator and enforced at the web edge
 * (a ban turns every request away) and by the vendor's CrowdSec bouncers. An address has at most one decision
 * of each type in force: deciding again returns the one in force when it lasts at least as long, and otherwise
 * replaces it (the old one counts as lifted, so a bouncer's stream shows it deleted and the new one added).
 * <p>
 * Addresses are stored as {@link ClientAddress} counts them (IPv6 by its network prefix), and no decision
 * outlives {@code record-lifetime}: a decision is personal data like every other record here.
 */
@Service
public class Decisions {

	private static final Logger log = LoggerFactory.getLogger(Decisions.class);
	private static final int MAX_SCENARIO = 100;
	private static final int MAX_ORIGIN = 32;

	/** What started and what ended in a span of time, for a bouncer's stream. */
	public record Changes(List<Decision> started, List<Decision> ended) {
	}

	private final DecisionRecords records;
	private final BlockView blocks;
	private final SwitchView switches;
	private final Clock clock;
	private final ProtectionProperties properties;
	private final TransactionTemplate transaction;

	Decisions(DecisionRecords records, BlockView blocks, SwitchView switches, Clock clock,
			ProtectionProperties properties, PlatformTransactionManager transactions) {
		this.records = records;
		this.blocks = blocks;
		this.switches = switches;
		this.clock = clock;
		this.properties = properties;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * Decides against {@code address} for {@code duration}; joins the caller's transaction if there is one.
	 *
	 * @throws IllegalArgumentException when the address is no IP literal, the duration is not positive or longer
	 *         than {@code record-lifetime}, or the scenario or origin is blank or too long
	 */
	public Decision decide(Decision.Type type, String address, Duration duration, String scenario, String origin) {
		if (type.siteWide()) {
			throw new IllegalArgumentException("A site-wide decision is made through Switches");
		}
		ClientAddress client = ClientAddress.parse(address, properties.ipv6PrefixLength())
				.orElseThrow(() -> new IllegalArgumentException("A decision needs an IP address"));
		int prefix = address.indexOf(':') >= 0 && client.value().indexOf(':') >= 0 ? properties.ipv6PrefixLength() : 32;
		return decide(type, client, prefix, duration, scenario, origin);
	}

	/**
	 * Decides against {@code client}: an address, or for a site-wide decision the feature it concerns (locked under
	 * the same name, so forty such decisions at once on two nodes leave one in force).
	 */
	Decision decide(Decision.Type type, ClientAddress client, int prefix, Duration duration, String scenario,
			String origin) {
		if (duration.isNegative() || duration.isZero() || duration.compareTo(properties.recordLifetime()) > 0) {
			throw new IllegalArgumentException("A decision lasts more than nothing and at most record-lifetime");
		}
		text(scenario, MAX_SCENARIO, "scenario");
		text(origin, MAX_ORIGIN, "origin");
		Decision decision = transaction.execute(status -> {
			Instant now = Timestamps.now(clock);
			Instant until = now.plus(duration);
			records.lock(client, now, until);
			Optional<Decision> current = records.inForce(client, type, now);
			if (current.isPresent() && !current.get().expiresAt().isBefore(until)) {
				return current.get();
			}
			current.ifPresent(older -> records.lift(older.id(), now));
			return records.insert(type, client, prefix, scenario, origin, now, until);
		});
		if (decision.type() == Decision.Type.BAN) {
			afterCommit(() -> blocks.blocked(client, decision.expiresAt()));
		}
		else if (decision.type() == Decision.Type.CAPTCHA) {
			afterCommit(() -> blocks.captchaMade(client, decision.expiresAt()));
		}
		else if (decision.type().siteWide()) {
			afterCommit(switches::forget);
		}
		return decision;
	}

	/** Ends a decision before its time; false when there is none in force with this id. */
	public boolean lift(long id) {
		Optional<Decision> lifted = transaction.execute(status -> {
			Optional<Decision> decision = records.find(id);
			return decision.isPresent() && records.lift(id, Timestamps.now(clock)) ? decision : Optional.<Decision>empty();
		});
		lifted.ifPresent(decision -> {
			log.info("Lifted decision {}", decision.id());
			afterCommit(decision.type().siteWide() ? switches::forget
					: () -> blocks.forget(new ClientAddress(decision.address()), decision.type(), decision.expiresAt()));
		});
		return lifted.isPresent();
	}

	public Optional<Decision> find(long id) {
		return records.find(id);
	}

	/** Every decision against an address in force now, oldest first (the site-wide ones: {@link Switches}). */
	public List<Decision> inForce() {
		return records.inForce(Timestamps.now(clock));
	}

	/** The decisions in force against {@code address} (an IPv6 address: against its prefix); none for a non-address. */
	public List<Decision> inForceFor(String address) {
		return ClientAddress.parse(address, properties.ipv6PrefixLength())
				.map(client -> records.inForceFor(client, Timestamps.now(clock))).orElse(List.of());
	}

	/**
	 * {@link #inForceFor}, answered from this node's memory when it holds no ban or captcha for the address: a
	 * decision made on this node is there at once, one made on another node within {@code block-refresh}; when it
	 * may hold one, the database answers. For an edge that asks about every request it serves (a CrowdSec bouncer in
	 * live mode), where most addresses have no decision.
	 */
	public List<Decision> inForceAsSeenHere(String address) {
		return ClientAddress.parse(address, properties.ipv6PrefixLength())
				.map(client -> blocks.mayBeDecided(client) ? records.inForceFor(client, Timestamps.now(clock))
						: List.<Decision>of())
				.orElse(List.of());
	}

	/**
	 * What changed since a reader's previous look at {@code since}: the decisions made since and in force at
	 * {@code now}, and those lifted or run out since. The window reaches {@link #OVERLAP} further back, because a
	 * decision is stamped before its transaction commits (and by another node's clock): one committed a moment
	 * after a reader looked would otherwise fall between two windows and never be reported. A reader therefore
	 * sees a change more than once; CrowdSec bouncers take a repeated addition or deletion as the same one.
	 */
	public Changes changes(Instant since, Instant now) {
		Instant from = since.minus(OVERLAP);
		return new Changes(records.started(from, now), records.ended(from, now));
	}

	/** How far each window of {@link #changes} overlaps the previous one. */
	public static final Duration OVERLAP = Duration.ofSeconds(10);

	private static void text(String value, int max, String name) {
		if (value == null || value.isBlank() || value.length() > max) {
			throw new IllegalArgumentException("A decision's " + name + " is 1 to " + max + " characters");
		}
	}

	private static void afterCommit(Runnable action) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			action.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				action.run();
			}
		});
	}
}
