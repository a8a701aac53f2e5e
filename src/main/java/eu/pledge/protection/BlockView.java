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
 * the {@link Decisions}), so that checking every request costs one hash lookup and no query; it also knows which
 * addresses have a captcha decision, so that a bouncer asking about an address with no decision is answered
 * without a query ({@link #mayBeDecided}).
 * <p>
 * The first request loads every block in force; after that, at most once per {@code block-refresh}, one request
 * thread reads only what changed since its previous look (blocks that started, bans made or lifted: indexed
 * stamps), through windows that overlap by {@link Decisions#OVERLAP} as a bouncer's do: a change stamped before
 * its transaction committed is not missed. With 100,000 bans in force a look then reads the few rows that
 * changed, not 100,000. When the clock goes back, the next look loads everything again.
 * <p>
 * Memory: one entry per address with a block, ban or captcha in force (the database's own count of them, about
 * 150 bytes each), plus the blocks and decisions made on this node since the last look; entries that ended leave at
 * the next sweep, at most {@link #SWEEP_EVERY} after they end (until then lookups ignore them).
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
	/**
	 * Canonical address → when its block, its ban and its captcha end. Replaced by a full load, changed in place
	 * otherwise.
	 */
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
	/** Captcha decisions made here, kept like {@link #madeHere}; they turn no one away. */
	private final Map<String, Made> captchasHere = new ConcurrentHashMap<>();
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

	/**
	 * Whether a ban or captcha decision may be in force against {@code address}. False only when none was at this
	 * node's last look at the database (at most {@code block-refresh} ago) and none was made here since: a decision
	 * made on another node may be missed for that long, never one made here. True may be wrong (a decision lifted on
	 * another node, an address also blocked by its failures): the caller then asks the database.
	 */
	boolean mayBeDecided(ClientAddress address) {
		Instant now = Timestamps.now(clock);
		refreshIfStale(now);
		Ends ends = inForce.get(address.value());
		return ends != null && ends.decided(now) || madeHere.containsKey(address.value())
				|| captchasHere.containsKey(address.value());
	}

	void blocked(ClientAddress address, Instant end) {
		madeHere.merge(address.value(), new Made(end, looks.get()), Made::merge);
	}

	void captchaMade(ClientAddress address, Instant end) {
		captchasHere.merge(address.value(), new Made(end, looks.get()), Made::merge);
	}

	/**
	 * A decision against {@code address} that would have ended at {@code end} was lifted: a ban stops turning the
	 * address away here at once (unless a longer one is held), and the next request looks for changes, since the
	 * address may have been decided against again meanwhile. A block by failures and a decision of the other type
	 * stay.
	 */
	void forget(ClientAddress address, Decision.Type type, Instant end) {
		if (type == Decision.Type.BAN) {
			madeHere.computeIfPresent(address.value(), (key, made) -> made.end().isAfter(end) ? made : null);
			inForce.computeIfPresent(address.value(), (key, ends) -> ends.withoutBanEndingBy(end));
		}
		else {
			captchasHere.computeIfPresent(address.value(), (key, made) -> made.end().isAfter(end) ? made : null);
			inForce.computeIfPresent(address.value(), (key, ends) -> ends.withoutCaptchaEndingBy(end));
		}
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
			madeHere.entrySet().removeIf(made -> made.getValue().seenBy(look, now));
			captchasHere.entrySet().removeIf(made -> made.getValue().seenBy(look, now));
			if (!now.isBefore(sweptAt.plus(SWEEP_EVERY)) || now.isBefore(sweptAt)) {
				inForce.entrySet().removeIf(entry -> !entry.getValue().held(now));
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
		records.activeBlocks(now).forEach((address, end) -> fresh.put(address, new Ends(end, null, null)));
		decisions.activeBans(now).forEach((address, end) -> fresh.merge(address, new Ends(null, end, null), Ends::merge));
		decisions.activeCaptchas(now)
				.forEach((address, end) -> fresh.merge(address, new Ends(null, null, end), Ends::merge));
		inForce = fresh;
		sweptAt = now;
	}

	/**
	 * Lifted decisions first, then the ones in force: a decision replaced by a longer one is lifted in the same
	 * window the longer one is made. A lifted one is removed only when it is the one held (none held ends earlier
	 * than it); one that ran out changed no row, and simply stops counting at its end.
	 */
	private void loadChanges(Instant since, Instant now) {
		Map<String, Ends> view = inForce;
		List<Decision> changed = decisions.changedSince(since);
		for (Decision lifted : changed) {
			if (lifted.liftedAt() != null && lifted.type() == Decision.Type.BAN) {
				view.computeIfPresent(lifted.address(), (address, ends) -> ends.withoutBanEndingBy(lifted.expiresAt()));
			}
			else if (lifted.liftedAt() != null && lifted.type() == Decision.Type.CAPTCHA) {
				view.computeIfPresent(lifted.address(),
						(address, ends) -> ends.withoutCaptchaEndingBy(lifted.expiresAt()));
			}
		}
		for (Decision made : changed) {
			if (made.type() == Decision.Type.BAN && made.inForce(now)) {
				view.merge(made.address(), new Ends(null, made.expiresAt(), null), Ends::merge);
			}
			else if (made.type() == Decision.Type.CAPTCHA && made.inForce(now)) {
				view.merge(made.address(), new Ends(null, null, made.expiresAt()), Ends::merge);
			}
		}
		records.blocksStartedAfter(since, now)
				.forEach((address, end) -> view.merge(address, new Ends(end, null, null), Ends::merge));
	}

	private static Instant later(Instant a, Instant b) {
		return a == null ? b : b == null || a.isAfter(b) ? a : b;
	}

	/**
	 * When an address's block (failure counts), its ban and its captcha (decisions) end; any may be null. The block
	 * and the ban turn the address away, the captcha does not.
	 */
	private record Ends(Instant block, Instant ban, Instant captcha) {

		Instant end() {
			return later(block, ban);
		}

		/** Whether anything is still held at {@code now}, so that the entry stays. */
		boolean held(Instant now) {
			Instant end = later(end(), captcha);
			return end != null && end.isAfter(now);
		}

		boolean decided(Instant now) {
			Instant end = later(ban, captcha);
			return end != null && end.isAfter(now);
		}

		Ends merge(Ends other) {
			return new Ends(later(block, other.block), later(ban, other.ban), later(captcha, other.captcha));
		}

		/** Null (no entry) when nothing is left. */
		Ends withoutBanEndingBy(Instant end) {
			return ban == null || ban.isAfter(end) ? this : orNothing(new Ends(block, null, captcha));
		}

		Ends withoutCaptchaEndingBy(Instant end) {
			return captcha == null || captcha.isAfter(end) ? this : orNothing(new Ends(block, ban, null));
		}

		private static Ends orNothing(Ends ends) {
			return ends.block == null && ends.ban == null && ends.captcha == null ? null : ends;
		}
	}

	/** A block or decision made here and the look under way when it was made. */
	private record Made(Instant end, long look) {

		Made merge(Made other) {
			return new Made(later(end, other.end), Math.max(look, other.look));
		}

		/** A look that began after it was made succeeded (so the view holds it), or it ended. */
		boolean seenBy(long look, Instant now) {
			return this.look < look || !end.isAfter(now);
		}
	}
}
