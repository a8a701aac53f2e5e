package eu.pledge.protection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * This node's copy of the site-wide decisions in force, so that the edge can ask on every request of a switched-off
 * feature without a query. At most once per {@code block-refresh} one request thread reloads it (other nodes'
 * decisions and lifts arrive within about that long); a decision made or lifted here empties it at once.
 */
@Component
class SwitchView {

	private static final Logger log = LoggerFactory.getLogger(SwitchView.class);

	private final DecisionRecords records;
	private final Clock clock;
	private final Duration refreshEvery;
	private final AtomicBoolean refreshing = new AtomicBoolean();
	private volatile Map<String, Instant> loaded = Map.of();
	private volatile Instant loadedAt = Instant.MIN;
	/** Counts the changes made here, so a load that began before one does not pass for fresh after it. */
	private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();

	SwitchView(DecisionRecords records, Clock clock, ProtectionProperties properties) {
		this.records = records;
		this.clock = clock;
		this.refreshEvery = properties.blockRefresh();
	}

	/** Until when a site-wide decision of {@code type} on {@code feature} is in force, if one is. */
	Optional<Instant> until(Decision.Type type, String feature) {
		Instant now = Timestamps.now(clock);
		if (!now.isBefore(loadedAt.plus(refreshEvery)) || now.isBefore(loadedAt)) {
			refresh(now);
		}
		Instant end = loaded.get(key(type, feature));
		return end != null && end.isAfter(now) ? Optional.of(end) : Optional.empty();
	}

	/** A site-wide decision was made or lifted on this node: the next question reloads. */
	void forget() {
		changes.incrementAndGet();
		loadedAt = Instant.MIN;
	}

	private void refresh(Instant now) {
		if (!refreshing.compareAndSet(false, true)) {
			return; // another thread is loading: answer from the current copy
		}
		long before = changes.get();
		try {
			Map<String, Instant> fresh = new HashMap<>();
			records.siteWide(now).forEach(decision -> fresh.merge(key(decision.type(), decision.address()),
					decision.expiresAt(), (a, b) -> a.isAfter(b) ? a : b));
			loaded = Map.copyOf(fresh);
			loadedAt = changes.get() == before ? now : Instant.MIN;
		}
		catch (RuntimeException ex) {
			// Keep answering from the last copy rather than failing every request while the database is away.
			log.warn("Could not refresh the site-wide decisions; using the previous copy: {}", ex.getClass().getName());
			loadedAt = now;
		}
		finally {
			refreshing.set(false);
		}
	}

	private static String key(Decision.Type type, String feature) {
		return type.value() + ":" + feature;
	}
}
