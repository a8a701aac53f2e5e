package eu.pledge.errors.tracker;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An issue's events over time, as the page draws them: the last 24 hours hour by hour and the last 14 days day
 * by day (UTC), every bucket present (zero when nothing happened), oldest first.
 */
final class Trend {

	static final int HOURS = 24;
	static final int DAYS = 14;

	/**
	 * One bar.
	 *
	 * @param start the hour's or day's start
	 * @param events how many events arrived in it
	 * @param percent its height relative to the highest bar (0–100)
	 */
	record Bucket(Instant start, long events, int percent) {
	}

	private Trend() {
	}

	/** The first hour the daily view needs (the start of the day 13 days before today, UTC). */
	static Instant dailyFrom(Instant now) {
		return now.truncatedTo(ChronoUnit.DAYS).minus(DAYS - 1, ChronoUnit.DAYS);
	}

	static List<Bucket> hourly(Map<Instant, Long> hours, Instant now) {
		Instant first = now.truncatedTo(ChronoUnit.HOURS).minus(HOURS - 1, ChronoUnit.HOURS);
		long[] counts = new long[HOURS];
		hours.forEach((hour, n) -> {
			long index = ChronoUnit.HOURS.between(first, hour);
			if (index >= 0 && index < HOURS) {
				counts[(int) index] += n;
			}
		});
		return buckets(first, ChronoUnit.HOURS, counts);
	}

	static List<Bucket> daily(Map<Instant, Long> hours, Instant now) {
		Instant first = dailyFrom(now);
		long[] counts = new long[DAYS];
		hours.forEach((hour, n) -> {
			long index = ChronoUnit.DAYS.between(first, hour.truncatedTo(ChronoUnit.DAYS));
			if (index >= 0 && index < DAYS) {
				counts[(int) index] += n;
			}
		});
		return buckets(first, ChronoUnit.DAYS, counts);
	}

	private static List<Bucket> buckets(Instant first, ChronoUnit unit, long[] counts) {
		long highest = 0;
		for (long n : counts) {
			highest = Math.max(highest, n);
		}
		List<Bucket> buckets = new ArrayList<>(counts.length);
		for (int i = 0; i < counts.length; i++) {
			int percent = highest == 0 ? 0 : (int) Math.max(counts[i] > 0 ? 2 : 0, Math.round(100.0 * counts[i] / highest));
			buckets.add(new Bucket(first.plus(i, unit), counts[i], percent));
		}
		return buckets;
	}
}
