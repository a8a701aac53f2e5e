package eu.pledge.shared;

import java.time.Instant;

/**
 * The one range of instants Pledge takes from outside: 1970-01-01 to the end of 9999 (UTC). Java reads instants
 * from year -1,000,000,000 to +1,000,000,000; PostgreSQL's {@code timestamptz} stores 4713 BC to 294276 AD and
 * answers anything else with an error (a 500 where H2 stored it), and a search bound beyond it fails the query
 * too. No contract, restriction, search or reported error lies outside the product's range, so a person's
 * instant outside it is refused with the field named ({@link #require}); another system's is replaced
 * ({@link #contains}).
 */
public final class StorableTime {

	public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
	public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

	static final String OUT_OF_RANGE = "Use a time from 1970-01-01 to 9999-12-31 (UTC).";

	private StorableTime() {
	}

	/** Whether {@code instant} lies in the range (null does not). */
	public static boolean contains(Instant instant) {
		return instant != null && !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
	}

	/** {@code instant} as given when it is in the range (or null); otherwise 400 naming {@code field}. */
	public static Instant require(String field, Instant instant) {
		if (instant != null && !contains(instant)) {
			throw Rejected.badRequest(field, OUT_OF_RANGE);
		}
		return instant;
	}
}
