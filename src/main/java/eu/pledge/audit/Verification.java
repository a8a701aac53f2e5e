package eu.pledge.audit;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The result of checking the chain.
 *
 * @param valid every checked period's events, digest, signature and link are intact, and no closed period is
 *        missing from the newest end
 * @param periodsChecked how many closed periods were checked (up to and including a failing one)
 * @param newestPeriod the first day of the newest closed period, as the chain's head names it; null when none was
 *        closed or the head is unreadable. A monitor that records it sees the trail's end move back
 * @param firstInvalidPeriod the first day of the oldest period that failed or is missing, or null
 * @param missingPeriod the first day of a closed period that is gone (its row deleted), or null
 * @param reason what failed, in a sentence, or null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record Verification(boolean valid, int periodsChecked, LocalDate newestPeriod, LocalDate firstInvalidPeriod,
		LocalDate missingPeriod, String reason) {

	static Verification intact(int checked, LocalDate newest) {
		return new Verification(true, checked, newest, null, null, null);
	}

	static Verification failed(int checked, LocalDate newest, LocalDate period, String reason) {
		return new Verification(false, checked, newest, period, null, reason);
	}

	static Verification missing(int checked, LocalDate newest, LocalDate period, String reason) {
		return new Verification(false, checked, newest, period, period, reason);
	}
}
