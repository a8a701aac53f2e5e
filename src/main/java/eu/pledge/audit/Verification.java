package eu.pledge.audit;

import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The result of checking the chain and the checkpoints.
 *
 * @param valid every checked period's events, digest, signature and link are intact, no closed period is
 *        missing from the newest end, and every checkpoint of the open periods matches its events
 * @param periodsChecked how many closed periods were checked (up to and including a failing one)
 * @param newestPeriod the first day of the newest closed period, as the chain's head names it; null when none was
 *        closed or the head is unreadable. A monitor that records it sees the trail's end move back
 * @param firstInvalidPeriod the first day of the oldest period that failed or is missing (closed, or open with a
 *        failing checkpoint), or null
 * @param missingPeriod the first day of a closed period that is gone (its row deleted), or null
 * @param checkpointsChecked how many checkpoints of the open periods were checked (up to and including a failing one)
 * @param sealedThrough the end of the newest checkpoint that passed: every event up to it is covered by a closed
 *        period or a checkpoint; null when no open period has a checkpoint
 * @param invalidCheckpoint the checkpoint (its number within {@code firstInvalidPeriod}) that failed or is
 *        missing, or null
 * @param invalidEventId the event that was changed, deleted or added after a checkpoint sealed it, when it can be
 *        named, or null
 * @param reason what failed, in a sentence, or null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record Verification(boolean valid, int periodsChecked, LocalDate newestPeriod, LocalDate firstInvalidPeriod,
		LocalDate missingPeriod, int checkpointsChecked, Instant sealedThrough, Integer invalidCheckpoint,
		Long invalidEventId, String reason) {

	static Verification intact(int checked, LocalDate newest, Checkpoints.Outcome checkpoints) {
		return new Verification(true, checked, newest, null, null, checkpoints.checked(), checkpoints.through(), null,
				null, null);
	}

	static Verification failed(int checked, LocalDate newest, LocalDate period, String reason) {
		return new Verification(false, checked, newest, period, null, 0, null, null, null, reason);
	}

	static Verification missing(int checked, LocalDate newest, LocalDate period, String reason) {
		return new Verification(false, checked, newest, period, period, 0, null, null, null, reason);
	}

	/** The closed periods hold; a checkpoint of an open period (or the checkpoints' head) does not. */
	static Verification checkpointFailed(int checked, LocalDate newest, Checkpoints.Outcome checkpoints) {
		Checkpoints.Failure failure = checkpoints.failure();
		return new Verification(false, checked, newest, failure.period(), null, checkpoints.checked(),
				checkpoints.through(), failure.checkpoint(), failure.eventId(), failure.reason());
	}
}
