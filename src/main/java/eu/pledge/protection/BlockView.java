package eu.pledge.protection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * This node's in-memory copy of the address blocks in force (those the failure counts imposed and the bans among
 * the {@link Decisions}), so that checking every request costs no query.
 * At most once per {@code block-refresh} one request thread reloads it from the database (so other nodes'
 * blocks arrive within about that long); this node's own blocks are added the moment they are made.
 */
@Component
class BlockView {

	private static final Logger log = LoggerFactory.getLogger(BlockView.class);

	private final AddressRecords records;
	private final DecisionRecords decisions;
	private final Clock clock;
	private final Duration refreshEvery;
	private final AtomicBoolean refreshing = new AtomicBoolean();
	private volatile Map<String, Instant> loaded = Map.of();
	private volatile Instant loadedAt = Instant.MIN;
	/** Blocks made here since the last load; kept until a load shows them, so a load cannot lose one. */
	private final Map<String, Instant> madeHere = new ConcurrentHashMap<>();

	BlockView(AddressRecords records, DecisionRecords decisions, Clock clock, ProtectionProperties properties) {
		this.records = records;
		this.decisions = decisions;
		this.clock = clock;
		this.refreshEvery = properties.blockRefresh();
	}

	Optional<Duration> blockedFor(ClientAddress address) {
		Instant now = Timestamps.now(clock);
		refreshIfStale(now);
		Instant end = later(loaded.get(address.value()), madeHere.get(address.value()));
		return end != null && end.isAfter(now) ? Optional.of(Duration.between(now, end)) : Optional.empty();
	}

	void blocked(ClientAddress address, Instant end) {
		madeHere.merge(address.value(), end, BlockView::later);
	}

	/**
	 * A block of {@code address} ended early (a decision was lifted): the next request reloads the view, since
	 * the address may still be blocked for another reason.
	 */
	void forget(ClientAddress address) {
		madeHere.remove(address.value());
		loadedAt = Instant.MIN;
	}

	private void refreshIfStale(Instant now) {
		if (now.isBefore(loadedAt.plus(refreshEvery)) || !refreshing.compareAndSet(false, true)) {
			return; // fresh enough, or another thread is loading: answer from the current copy
		}
		try {
			Map<String, Instant> blocks = records.activeBlocks(now);
			decisions.activeBans(now).forEach((address, end) -> blocks.merge(address, end, BlockView::later));
			Map<String, Instant> fresh = Map.copyOf(blocks);
			loaded = fresh;
			madeHere.entrySet().removeIf(made -> !made.getValue().isAfter(now)
					|| !made.getValue().isAfter(fresh.getOrDefault(made.getKey(), Instant.MIN)));
		}
		catch (RuntimeException ex) {
			// Keep answering from the last copy rather than failing every request while the database is away.
			log.warn("Could not refresh the address blocks; using the previous copy: {}", ex.getClass().getName());
		}
		finally {
			loadedAt = now;
			refreshing.set(false);
		}
	}

	private static Instant later(Instant a, Instant b) {
		return a == null ? b : b == null || a.isAfter(b) ? a : b;
	}
}
