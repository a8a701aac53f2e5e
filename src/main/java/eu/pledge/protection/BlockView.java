package eu.pledge.protection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * This node's in-memory copy of the address blocks in force (those the failure counts imposed and the bans among
 * the {@link Decisions}), so that checking every request costs one hash lookup and no query.
 * <p>
 * The first request loads every block in force; after that, at most once per {@code block-refresh}, one request
 * thread reads only what changed since its previous look (blocks that started, bans made or lifted: indexed
 * stamps), through windows that overlap by {@link Decisions#OVERLAP} as a bouncer's do: a change stamped before
 * its transaction committed is not missed. With 100,000 bans in force a look then reads the few rows that
 * changed, not 100,000. When the clock goes back, the next look loads everything again.
 * <p>
 * Memory: one entry per address with a block or ban in force (the database's own count of them, about 150 bytes
 * each), plus the blocks made on this node since the last look; entries that ended leave at the next sweep,
 * at most {@link #SWEEP_EVERY} after they end (until then lookups ignore them).
 */
@Component
class BlockView {

	private static final Logger log = LoggerFactory.getLogger(BlockView.class);

	/** How often entries that ended are dropped; a lookup ignores them anyway, so this only bounds memory. */
	static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

	private final AddressRecords records;
	private final DecisionRecords decisions;
	private final Clock clock;
	private final Duration refreshEvery;
	private final AtomicBoolean refreshing = new AtomicBoolean();
	/** Canonical address → when its block and its ban end. Replaced by a full load, changed in place otherwise. */
	private volatile Map<String, Ends> inForce = new ConcurrentHashMap<>();
	private volatile Instant loadedAt = Instant.MIN;
	/** The {@code now} of the last look that succeeded; null: the next look loads everything. Refreshing thread only. */
	private Instant seenUntil;
	private Instant sweptAt = Instant.MIN;
	/**
	 * Blocks made here, kept until a look that began after they were made (and so saw them in the database)
	 * succeeds: a look already under way cannot lose one.
	 */
	private final Map<String, Made> madeHere = new ConcurrentHashMap<>();
	private final AtomicLong looks = new AtomicLong();

	BlockView(AddressRecords records, DecisionRecords decisions, Clock clock, ProtectionProperties properties) {
		this.records = records;
		this.decisions = decisions;
		this.clock = clock;
		this.refreshEvery = properties.blockRefresh();
	}

	Optional<Duration> blockedFor(ClientAddress address) {
		Instant now = Timestamps.now(clock);
		refreshIfStale(now);
		Ends ends = inForce.get(address.value());
		Made made = madeHere.get(address.value());
		Instant end = later(ends == null ? null : ends.end(), made == null ? null : made.end());
		return end != null && end.isAfter(now) ? Optional.of(Duration.between(now, end)) : Optional.empty();
	}

	void blocked(ClientAddress address, Instant end) {
		madeHere.merge(address.value(), new Made(end, looks.get()), Made::merge);
	}

	/**
	 * The ban of {@code address} ended early (a decision was lifted): it stops here at once, and the next request
	 * looks for changes, since the address may have been banned again meanwhile.
	 */
	void forget(ClientAddress address) {
		madeHere.remove(address.value());
		inForce.computeIfPresent(address.value(), (key, ends) -> ends.withoutBan());
		loadedAt = Instant.MIN;
	}

	private void refreshIfStale(Instant now) {
		Instant last = loadedAt;
		boolean fresh = !now.isBefore(last) && now.isBefore(last.plus(refreshEvery));
		if (fresh || !refreshing.compareAndSet(false, true)) {
			return; // fresh enough, or another thread is looking: answer from the current copy
		}
		try {
			long look = looks.incrementAndGet();
			if (seenUntil == null || now.isBefore(seenUntil)) {
				loadAll(now);
			}
			else {
				loadChanges(seenUntil.minus(Decisions.OVERLAP), now);
			}
			seenUntil = now;
			madeHere.entrySet().removeIf(made -> made.getValue().look() < look || !made.getValue().end().isAfter(now));
			if (!now.isBefore(sweptAt.plus(SWEEP_EVERY)) || now.isBefore(sweptAt)) {
				inForce.entrySet().removeIf(entry -> !entry.getValue().inForce(now));
				sweptAt = now;
			}
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

	private void loadAll(Instant now) {
		Map<String, Ends> fresh = new ConcurrentHashMap<>();
		records.activeBlocks(now).forEach((address, end) -> fresh.put(address, new Ends(end, null)));
		decisions.activeBans(now).forEach((address, end) -> fresh.merge(address, new Ends(null, end), Ends::merge));
		inForce = fresh;
		sweptAt = now;
	}

	/**
	 * Lifted bans first, then the ones in force: a ban replaced by a longer one is lifted in the same window the
	 * longer one is made. A lifted ban is removed only when it is the one held (none held ends earlier than it);
	 * one that ran out changed no row, and simply stops counting at its end.
	 */
	private void loadChanges(Instant since, Instant now) {
		Map<String, Ends> view = inForce;
		List<Decision> changed = decisions.changedSince(since);
		for (Decision lifted : changed) {
			if (lifted.type() == Decision.Type.BAN && lifted.liftedAt() != null) {
				view.computeIfPresent(lifted.address(), (address, ends) -> ends.withoutBanEndingBy(lifted.expiresAt()));
			}
		}
		for (Decision made : changed) {
			if (made.type() == Decision.Type.BAN && made.inForce(now)) {
				view.merge(made.address(), new Ends(null, made.expiresAt()), Ends::merge);
			}
		}
		records.blocksStartedAfter(since, now)
				.forEach((address, end) -> view.merge(address, new Ends(end, null), Ends::merge));
	}

	private static Instant later(Instant a, Instant b) {
		return a == null ? b : b == null || a.isAfter(b) ? a : b;
	}

	/** When an address's block (failure counts) and its ban (a decision) end; either may be null. */
	private record Ends(Instant block, Instant ban) {

		Instant end() {
			return later(block, ban);
		}

		boolean inForce(Instant now) {
			Instant end = end();
			return end != null && end.isAfter(now);
		}

		Ends merge(Ends other) {
			return new Ends(later(block, other.block), later(ban, other.ban));
		}

		/** Null (no entry) when nothing is left. */
		Ends withoutBan() {
			return block == null ? null : new Ends(block, null);
		}

		Ends withoutBanEndingBy(Instant end) {
			return ban == null || ban.isAfter(end) ? this : withoutBan();
		}
	}

	/** A block made here and the look under way when it was made. */
	private record Made(Instant end, long look) {

		Made merge(Made other) {
			return new Made(later(end, other.end), Math.max(look, other.look));
		}
	}
}
