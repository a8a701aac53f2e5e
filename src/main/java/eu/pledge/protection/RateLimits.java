package eu.pledge.protection;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import eu.pledge.shared.Vault;

/**
 * The one rate limiter: named buckets, each allowing {@code limit} units per key in a fixed window that starts
 * with the key's first unit. Every module that limits something declares its bucket once ({@link #bucket}) and
 * takes units from it ({@link #take}).
 * <ul>
 * <li>{@link Scope#CLUSTER} buckets count in the database, so every node shares one count; each take is one
 * atomic statement on the key's row, so forty requests at once on two nodes count forty. The key is stored only
 * as an HMAC under a key derived from the master key (the table cannot be reversed by trying all addresses).</li>
 * <li>{@link Scope#NODE} buckets count in this node's memory (cheap enough for every ingested event; with N
 * nodes a key may pass up to N times the limit): they protect a node, they are no quota. At most
 * {@link #NODE_KEYS} keys per bucket are kept; beyond that the expired ones are dropped, then the oldest.</li>
 * </ul>
 * Address keys ({@link Keys#ADDRESS}) are counted in the canonical form this module counts sign-ins in (IPv4,
 * or the IPv6 network prefix), so one client cannot count twice under two spellings; text that is no address
 * is not limited (the web edge always gives one). A bucket either counts refused units too
 * ({@code countRefused}: someone hammering keeps their window full) or not (a refused batch does not use up
 * the allowance).
 */
@Component
public class RateLimits {

	/** Keys kept per node bucket before the expired and then the oldest are dropped. */
	static final int NODE_KEYS = 100_000;
	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,49}");
	private static final HexFormat HEX = HexFormat.of();

	private final RateLimitRecords records;
	private final Vault vault;
	private final Clock clock;
	private final ProtectionProperties properties;
	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
	private final Map<String, Map<String, Window>> nodeWindows = new ConcurrentHashMap<>();

	RateLimits(RateLimitRecords records, Vault vault, Clock clock, ProtectionProperties properties) {
		this.records = records;
		this.vault = vault;
		this.clock = clock;
		this.properties = properties;
	}

	/** Where a bucket counts. */
	public enum Scope {
		/** In this node's memory. */
		NODE,
		/** In the database, shared by every node. */
		CLUSTER
	}

	/** What a bucket's keys are. */
	public enum Keys {
		/** Client addresses as the web edge derives them; counted by IPv4 address or IPv6 network prefix. */
		ADDRESS,
		/** Any other text of at most 200 characters (e.g. a project id); never personal data. */
		OPAQUE
	}

	/** Where a key's window starts. */
	public enum Start {
		/** With the key's first unit: the window runs from then on. */
		FIRST_UNIT,
		/** On the clock: windows are aligned on multiples of their length since the epoch (e.g. whole minutes). */
		CLOCK
	}

	/**
	 * A declared bucket.
	 *
	 * @param name lower-case letters, digits and dashes, unique
	 * @param window at most {@link ProtectionProperties#MAX_RECORD_LIFETIME}: a count is kept no longer
	 * @param start where a key's window starts
	 */
	public record Bucket(String name, Scope scope, Keys keys, long limit, Duration window, boolean countRefused,
			Start start) {

		/** A bucket whose windows start with each key's first unit. */
		public Bucket(String name, Scope scope, Keys keys, long limit, Duration window, boolean countRefused) {
			this(name, scope, keys, limit, window, countRefused, Start.FIRST_UNIT);
		}

		public Bucket {
			Objects.requireNonNull(scope, "scope");
			Objects.requireNonNull(keys, "keys");
			Objects.requireNonNull(start, "start");
			if (name == null || !NAME.matcher(name).matches()) {
				throw new IllegalArgumentException("A bucket name is lower-case letters, digits and dashes: " + name);
			}
			if (limit < 1) {
				throw new IllegalArgumentException("Bucket " + name + ": the limit must be at least 1, not " + limit);
			}
			if (window == null || window.compareTo(Duration.ofSeconds(1)) < 0
					|| window.compareTo(ProtectionProperties.MAX_RECORD_LIFETIME) > 0) {
				throw new IllegalArgumentException("Bucket " + name + ": the window must be between 1 s and "
						+ ProtectionProperties.MAX_RECORD_LIFETIME + ", not " + window);
			}
		}
	}

	/**
	 * The answer to one take.
	 *
	 * @param allowed whether the units may pass
	 * @param count the key's count in its window after this take (refused units included when the bucket counts
	 *        them)
	 * @param retryAfter when refused, how long until the window ends; zero when allowed
	 */
	public record Decision(boolean allowed, long count, Duration retryAfter) {

		static final Decision UNLIMITED = new Decision(true, 0, Duration.ZERO);

		/** Whole seconds to wait, at least 1, for a {@code Retry-After} header. */
		public long retryAfterSeconds() {
			return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
		}
	}

	/**
	 * Declares a bucket; declaring the same bucket again returns it, another one under its name is refused. A
	 * window longer than {@code pledge.protection.record-lifetime} is refused: an address bucket's count is an IP
	 * record like the others.
	 */
	public Bucket bucket(Bucket bucket) {
		if (bucket.window().compareTo(properties.recordLifetime()) > 0) {
			throw new IllegalStateException("Rate-limit bucket " + bucket.name() + ": its window (" + bucket.window()
					+ ") is longer than pledge.protection.record-lifetime (" + properties.recordLifetime() + ")");
		}
		Bucket known = buckets.putIfAbsent(bucket.name(), bucket);
		if (known != null && !known.equals(bucket)) {
			throw new IllegalStateException("Rate-limit bucket " + bucket.name() + " is declared twice, differently");
		}
		return bucket;
	}

	/** The declared buckets (the inventory states how long the longest keeps a count). */
	public Collection<Bucket> buckets() {
		return buckets.values();
	}

	/** Takes one unit. */
	public Decision take(Bucket bucket, String key) {
		return take(bucket, key, 1);
	}

	/** Takes {@code units} (at least 1) from {@code key}'s allowance in {@code bucket}. */
	public Decision take(Bucket bucket, String key, int units) {
		if (!bucket.equals(buckets.get(bucket.name()))) {
			throw new IllegalStateException("Rate-limit bucket " + bucket.name() + " was not declared");
		}
		if (units < 1) {
			throw new IllegalArgumentException("Take at least one unit, not " + units);
		}
		Optional<String> canonical = canonical(bucket, key);
		if (canonical.isEmpty()) {
			return Decision.UNLIMITED;
		}
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		Instant start = windowStart(bucket, now);
		return bucket.scope() == Scope.CLUSTER ? records.take(bucket, hash(bucket, canonical.get()), units, now, start)
				: takeOnThisNode(bucket, canonical.get(), units, now, start);
	}

	/** Deletes the database counts whose window ended (the retention rule {@code ip-records}); returns how many. */
	int deleteExpired(Instant now) {
		nodeWindows.values().forEach(windows -> windows.values().removeIf(window -> !window.end().isAfter(now)));
		return records.deleteExpired(now);
	}

	/** How many keys this node keeps for a node bucket (tests: memory stays bounded). */
	int nodeKeys(Bucket bucket) {
		return nodeWindows.getOrDefault(bucket.name(), Map.of()).size();
	}

	private Optional<String> canonical(Bucket bucket, String key) {
		if (key == null) {
			return Optional.empty();
		}
		if (bucket.keys() == Keys.ADDRESS) {
			return ClientAddress.parse(key, properties.ipv6PrefixLength()).map(ClientAddress::value);
		}
		if (key.isEmpty() || key.length() > 200) {
			throw new IllegalArgumentException("An opaque rate-limit key is 1 to 200 characters");
		}
		return Optional.of(key);
	}

	/** Where a window that starts now starts: now, or the last multiple of the window's length. */
	private static Instant windowStart(Bucket bucket, Instant now) {
		if (bucket.start() == Start.FIRST_UNIT) {
			return now;
		}
		long length = bucket.window().toNanos() / 1_000;
		long micros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
		return Instant.EPOCH.plus(Math.floorDiv(micros, length) * length, ChronoUnit.MICROS);
	}

	private String hash(Bucket bucket, String key) {
		return HEX.formatHex(vault.sign("rate-limit", (bucket.name() + "\n" + key).getBytes(StandardCharsets.UTF_8)));
	}

	private Decision takeOnThisNode(Bucket bucket, String key, int units, Instant now, Instant start) {
		Map<String, Window> windows = nodeWindows.computeIfAbsent(bucket.name(), name -> new ConcurrentHashMap<>());
		if (windows.size() >= NODE_KEYS && !windows.containsKey(key)) {
			makeRoom(windows, now);
		}
		Window window = windows.compute(key, (k, current) -> current == null || !current.end().isAfter(now)
				? new Window(start.plus(bucket.window()), new AtomicLong()) : current);
		long count = window.units().addAndGet(units);
		if (count <= bucket.limit()) {
			return new Decision(true, count, Duration.ZERO);
		}
		if (!bucket.countRefused()) {
			count = window.units().addAndGet(-units);
		}
		return new Decision(false, count, Duration.between(now, window.end()));
	}

	private static void makeRoom(Map<String, Window> windows, Instant now) {
		windows.values().removeIf(window -> !window.end().isAfter(now));
		if (windows.size() >= NODE_KEYS) {
			windows.entrySet().stream().sorted(Map.Entry.comparingByValue(
					java.util.Comparator.comparing(Window::end))).limit(windows.size() - NODE_KEYS + NODE_KEYS / 10)
					.map(Map.Entry::getKey).toList().forEach(windows::remove);
		}
	}

	private record Window(Instant end, AtomicLong units) {
	}
}
