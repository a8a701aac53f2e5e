package eu.pledge.sso;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What a node checked a moment ago, reused for {@code pledge.sso.recheck-after} (1 s by default, {@code 0s} checks on
 * every request): the hot path of single sign-on (userinfo, introspection) asks the same questions of the database
 * many times a second, for the same token, person and system. Three promises bound it:
 * <ul>
 * <li><b>A second at most.</b> A change made on another node (a revocation, a contract suspended, a restriction, a
 * corrected name) is seen within {@code recheck-after}; a change made on this node through single sign-on itself
 * (a token saved, revoked or ended) forgets everything at once ({@link #forget()}).</li>
 * <li><b>A lookup that began before a change is never kept after it:</b> an answer is stored with the generation
 * read before its lookup started, and an answer of an older generation is not used.</li>
 * <li><b>Bounded, in memory only:</b> at most {@value #MAX_ENTRIES} answers per node (beyond that the map starts
 * afresh); nothing is written anywhere. Keys are token digests and account ids; a person's name and email (for
 * userinfo) stay in memory no longer than {@code recheck-after}.</li>
 * </ul>
 */
final class RecentChecks<K, V> {

	static final int MAX_ENTRIES = 10_000;

	private final long keepNanos;
	private final AtomicLong generation;
	private final Map<K, Answer<V>> answers = new ConcurrentHashMap<>();

	private record Answer<V>(V value, long until, long generation) {
	}

	/** Answers kept {@code keep}; {@code generation} is shared by every cache that one change makes stale. */
	RecentChecks(Duration keep, AtomicLong generation) {
		this.keepNanos = keep.toNanos();
		this.generation = generation;
	}

	/**
	 * The answer checked within {@code recheck-after}, else {@code check}'s, kept unless {@code keep} says no (a
	 * refusal is never kept: the person may get access the next moment, and the check is cheap to repeat).
	 */
	V get(K key, Supplier<V> check, java.util.function.Predicate<V> keep) {
		if (keepNanos <= 0) {
			return check.get();
		}
		long now = System.nanoTime();
		long current = generation.get();
		Answer<V> known = answers.get(key);
		if (known != null && known.generation == current && now - known.until < 0) {
			return known.value;
		}
		V value = check.get();
		if (value != null && keep.test(value)) {
			if (answers.size() >= MAX_ENTRIES) {
				answers.clear();
			}
			answers.put(key, new Answer<>(value, now + keepNanos, current));
		}
		return value;
	}

	int size() {
		return answers.size();
	}

	/** Everything this node checked is checked again (shared generation: all caches of it). */
	void forget() {
		generation.incrementAndGet();
		answers.clear();
	}
}
