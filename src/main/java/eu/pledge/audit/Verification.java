package eu.pledge.audit;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The result of checking the chain.
 *
 * @param valid every checked period's events, digest, signature and link are intact
 * @param periodsChecked how many closed periods were checked (up to and including a failing one)
 * @param firstInvalidPeriod the first day of the oldest period that failed, or null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record Verification(boolean valid, int periodsChecked, LocalDate firstInvalidPeriod) {
}
