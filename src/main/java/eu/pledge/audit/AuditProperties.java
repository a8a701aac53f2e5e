package eu.pledge.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMax;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import eu.pledge.shared.PositiveDuration;

/**
 * The audit trail's periods and retention. Nothing is clamped: a retention shorter than intended would make
 * the privacy notice lie, a longer one would keep data the policy promised to delete.
 *
 * @param period the length of one chained period, in whole days (UTC); a period is also the unit retention
 *        deletes and, on PostgreSQL, one partition; keep it once the trail holds events (periods and partitions
 *        are aligned on it)
 * @param retention how long after the end of its period an event is kept (the policy's "2 months")
 * @param closeGrace how long after a period ends its digest is computed, so transactions still in flight at
 *        midnight are inside it
 * @param maintenanceInterval how often partitions are created ahead, ended periods closed and expired ones deleted
 * @param partitionsAhead how many periods ahead partitions exist (PostgreSQL)
 * @param deleteBatch rows per DELETE statement where rows are deleted rather than partitions dropped
 * @param checkpointInterval how often the open periods' new events are checkpointed (digested and signed)
 * @param checkpointGrace how old an event must be before a checkpoint covers it: longer than a transaction takes
 *        from its audit row to its commit, plus the clock difference between nodes
 */
@Validated
@ConfigurationProperties("pledge.audit")
public record AuditProperties(
		@PositiveDuration @DurationMax(days = 366, message = "must be at most 366 days") @DefaultValue("1d") Duration period,
		@PositiveDuration @DefaultValue("60d") Duration retention,
		@PositiveDuration @DefaultValue("5m") Duration closeGrace,
		@PositiveDuration @DefaultValue("5m") Duration maintenanceInterval,
		@Min(1) @Max(366) @DefaultValue("7") int partitionsAhead,
		@Min(100) @Max(1_000_000) @DefaultValue("10000") int deleteBatch,
		@PositiveDuration @DefaultValue("1m") Duration checkpointInterval,
		@PositiveDuration @DefaultValue("10s") Duration checkpointGrace) {

	// The rules between settings; each holds while a setting it reads is missing, which @PositiveDuration reports.

	@AssertTrue(message = "pledge.audit.period must be a whole number of days")
	boolean isPeriodWholeDays() {
		return period == null || period.toSeconds() % Duration.ofDays(1).toSeconds() == 0 && period.getNano() == 0;
	}

	@AssertTrue(message = "pledge.audit.checkpoint-grace must be shorter than pledge.audit.close-grace")
	boolean isCheckpointGraceShorterThanCloseGrace() {
		return checkpointGrace == null || closeGrace == null || checkpointGrace.compareTo(closeGrace) < 0;
	}

	@AssertTrue(message = "pledge.audit.close-grace must be shorter than pledge.audit.period")
	boolean isCloseGraceShorterThanPeriod() {
		return closeGrace == null || period == null || closeGrace.compareTo(period) < 0;
	}

	@AssertTrue(message = "pledge.audit.retention must be at least one pledge.audit.period")
	boolean isRetentionAtLeastOnePeriod() {
		return retention == null || period == null || retention.compareTo(period) >= 0;
	}

	int periodDays() {
		return (int) period.toDays();
	}

	/** The first day of the period {@code instant} falls in; periods are aligned on 1970-01-01 UTC. */
	LocalDate periodOf(Instant instant) {
		long day = LocalDate.ofInstant(instant, ZoneOffset.UTC).toEpochDay();
		return LocalDate.ofEpochDay(Math.floorDiv(day, periodDays()) * periodDays());
	}

	Instant startOf(LocalDate period) {
		return period.atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	LocalDate periodAfter(LocalDate period) {
		return period.plusDays(periodDays());
	}

	/** Periods before this one may be closed at {@code now}. */
	LocalDate firstOpenPeriod(Instant now) {
		return periodOf(now.minus(closeGrace));
	}

	/** Periods before this one ended more than {@code retention} before {@code now} and are deleted. */
	LocalDate firstRetainedPeriod(Instant now) {
		return periodOf(now.minus(retention));
	}
}
