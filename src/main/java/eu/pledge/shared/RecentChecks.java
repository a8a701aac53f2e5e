package eu.pledge.shared;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What a node checked a moment ago, reused for a short while ({@code recheck-after}: at most 1 s, {@code 0s} checks on
 * every request): the hot paths (a signed-in request's session, single sign-on's userinfo and introspection) ask
 * the same questions of the database many times a second, for the same session, token, person and system. Three
 * promises bound it:
 * <ul>
 * <li><b>A second at most.</b> A change made on another node (a revocation, a contract suspended, a restriction, a
 * corrected name) is seen within {@code recheck-after}; a change made on this node forgets what it touches at once:
 * everything ({@link #forget()}), or the answers about one thing, such as one authorization ({@link #forget(Object)}).
 * </li>
 * <li><b>A lookup that began before a change is never used after it:</b> an answer remembers when its lookup began,
 * and is not used if everything, or the thing it is about, changed since.</li>
 * <li><b>Bounded, in memory only:</b> at most {@value #MAX_ENTRIES} answers per node (beyond that the map starts
 * afresh); nothing is written anywhere. Each user says what its keys and answers are (session ids, token digests, account
 * ids). An answer past {@code recheck-after} is never used, and is dropped by the next lookup that stores an answer
 * (which sweeps the map at most once per {@code recheck-after}), so personal data in answers outlives its use only
 * while the node is idle.</li>
 * </ul>
 */
public final class RecentChecks<K, V> {

	public static final int MAX_ENTRIES = 10_000;

	private final long keepNanos;
	private final AtomicLong generation;
	private final Function<V, Object> about;
	private final Map<K, Answer<V>> answers = new ConcurrentHashMap<>();
	/** When each thing was last changed on this node (nanoTime), for the answers about it. */
	private final Map<Object, Long> changed = new ConcurrentHashMap<>();
	/** When the map was last swept of answers past their time (nanoTime). */
	private volatile long swept = System.nanoTime();

	private record Answer<V>(V value, long began, long until, long generation) {
	}

	/**
	 * Answers kept {@code keep}; {@code generation} is shared by every cache that one change makes stale;
	 * {@code about} names the thing an answer is about, for {@link #forget(Object)}.
	 */
	public RecentChecks(Duration keep, AtomicLong generation, Function<V, Object> about) {
		this.keepNanos = keep.toNanos();
		this.generation = generation;
		this.about = about;
	}

	public RecentChecks(Duration keep, AtomicLong generation) {
		this(keep, generation, value -> null);
	}

	/**
	 * The answer checked within {@code recheck-after}, else {@code check}'s, kept unless {@code keep} says no (a
	 * refusal is never kept: the person may get access the next moment, and the check is cheap to repeat).
	 */
	public V get(K key, Supplier<V> check, Predicate<V> keep) {
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
			else if (began - swept > keepNanos) {
				swept = began;
				answers.values().removeIf(answer -> began - answer.until >= 0);
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
	public void forget(Object thing) {
		long now = System.nanoTime();
		if (changed.size() >= MAX_ENTRIES) {
			// A change older than recheck-after concerns no answer still in use: those began after it or expired.
			changed.values().removeIf(at -> now - at > keepNanos);
		}
		changed.put(thing, now);
	}

	public int size() {
		return answers.size();
	}

	/**
	 * {@link #forget(Object)} now and, inside a transaction, again when it completes: a lookup that began before the
	 * commit saw the state before the change.
	 */
	public void forgetThroughCommit(Object thing) {
		forget(thing);
		afterCompletion(() -> forget(thing));
	}

	/** {@link #forget()} now and, inside a transaction, again when it completes. */
	public void forgetAllThroughCommit() {
		forget();
		afterCompletion(this::forget);
	}

	private static void afterCompletion(Runnable action) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					action.run();
				}
			});
		}
	}

	/** Everything this node checked is checked again (shared generation: all caches of it). */
	public void forget() {
		generation.incrementAndGet();
		answers.clear();
		changed.clear();
	}
}
