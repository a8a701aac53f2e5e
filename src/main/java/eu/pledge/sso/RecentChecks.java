package eu.pledge.sso;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What a node checked a moment ago, reused for {@code pledge.sso.recheck-after} (1 s by default, {@code 0s} checks on
 * every request): the hot path of single sign-on (userinfo, introspection) asks the same questions of the database
 * many times a second, for the same token, person and system. Three promises bound it:
 * <ul>
 * <li><b>A second at most.</b> A change made on another node (a revocation, a contract suspended, a restriction, a
 * corrected name) is seen within {@code recheck-after}; a change made on this node forgets what it touches at once:
 * everything ({@link #forget()}), or the answers about one thing, such as one authorization ({@link #forget(Object)}).
 * </li>
 * <li><b>A lookup that began before a change is never used after it:</b> an answer remembers when its lookup began,
 * and is not used if everything, or the thing it is about, changed since.</li>
 * <li><b>Bounded, in memory only:</b> at most {@value #MAX_ENTRIES} answers per node (beyond that the map starts
 * afresh); nothing is written anywhere. Keys are token digests and account ids; a person's name and email (for
 * userinfo) stay in memory no longer than {@code recheck-after}.</li>
 * </ul>
 */
final class RecentChecks<K, V> {

	static final int MAX_ENTRIES = 10_000;

	private final long keepNanos;
	private final AtomicLong generation;
	private final Function<V, Object> about;
	private final Map<K, Answer<V>> answers = new ConcurrentHashMap<>();
	/** When each thing was last changed on this node (nanoTime), for the answers about it. */
	private final Map<Object, Long> changed = new ConcurrentHashMap<>();

	private record Answer<V>(V value, long began, long until, long generation) {
	}

	/**
	 * Answers kept {@code keep}; {@code generation} is shared by every cache that one change makes stale;
	 * {@code about} names the thing an answer is about, for {@link #forget(Object)}.
	 */
	RecentChecks(Duration keep, AtomicLong generation, Function<V, Object> about) {
		this.keepNanos = keep.toNanos();
		this.generation = generation;
		this.about = about;
	}

	RecentChecks(Duration keep, AtomicLong generation) {
		this(keep, generation, value -> null);
	}

	/**
	 * The answer checked within {@code recheck-after}, else {@code check}'s, kept unless {@code keep} says no (a
	 * refusal is never kept: the person may get access the next moment, and the check is cheap to repeat).
	 */
	V get(K key, Supplier<V> check, Predicate<V> keep) {
		if (keepNanos <= 0) {
			return check.get();
		}
		long current = generation.get();
		long began = System.nanoTime();
		Answer<V> known = answers.get(key);
		if (known != null && known.generation == current && began - known.until < 0 && !changedSince(known)) {
			return known.value;
		}
		V value = check.get();
		if (value != null && keep.test(value)) {
			if (answers.size() >= MAX_ENTRIES) {
				answers.clear();
			}
			answers.put(key, new Answer<>(value, began, began + keepNanos, current));
		}
		return value;
	}

	private boolean changedSince(Answer<V> answer) {
		Object thing = about.apply(answer.value);
		if (thing == null) {
			return false;
		}
		Long at = changed.get(thing);
		return at != null && at - answer.began >= 0;
	}

	/** The answers about {@code thing} are checked again, including those whose lookup is under way. */
	void forget(Object thing) {
		long now = System.nanoTime();
		if (changed.size() >= MAX_ENTRIES) {
			// A change older than recheck-after concerns no answer still in use: those began after it or expired.
			changed.values().removeIf(at -> now - at > keepNanos);
		}
		changed.put(thing, now);
	}

	int size() {
		return answers.size();
	}

	/** Everything this node checked is checked again (shared generation: all caches of it). */
	void forget() {
		generation.incrementAndGet();
		answers.clear();
		changed.clear();
	}
}
