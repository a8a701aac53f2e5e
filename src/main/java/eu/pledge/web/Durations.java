package eu.pledge.web;

/** Human wording of a wait, for messages people read. */
final class Durations {

	private Durations() {
	}

	static String human(long seconds) {
		if (seconds < 90) {
			return seconds + (seconds == 1 ? " second" : " seconds");
		}
		long minutes = (seconds + 59) / 60;
		if (minutes < 90) {
			return minutes + " minutes";
		}
		return ((minutes + 59) / 60) + " hours";
	}
}
