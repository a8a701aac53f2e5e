package eu.pledge.privacy.notice;

import java.time.Duration;

/** Durations in the words of the notice: "30 days", "24 hours", "90 minutes". */
public final class Periods {

	private Periods() {
	}

	public static String plain(Duration duration) {
		// up to three days read better in hours ("24 hours", "48 hours")
		if (duration.toDays() >= 3 && duration.equals(Duration.ofDays(duration.toDays()))) {
			return count(duration.toDays(), "day");
		}
		if (duration.toHours() > 0 && duration.equals(Duration.ofHours(duration.toHours()))) {
			return count(duration.toHours(), "hour");
		}
		if (duration.toMinutes() > 0 && duration.equals(Duration.ofMinutes(duration.toMinutes()))) {
			return count(duration.toMinutes(), "minute");
		}
		return count(duration.toSeconds(), "second");
	}

	private static String count(long amount, String unit) {
		return amount + " " + unit + (amount == 1 ? "" : "s");
	}
}
