package eu.pledge.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

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
public record AuditProperties(@DefaultValue("1d") Duration period, @DefaultValue("60d") Duration retention,
		@DefaultValue("5m") Duration closeGrace, @DefaultValue("5m") Duration maintenanceInterval,
		@Min(1) @Max(366) @DefaultValue("7") int partitionsAhead,
		@Min(100) @Max(1_000_000) @DefaultValue("10000") int deleteBatch,
		@DefaultValue("1m") Duration checkpointInterval, @DefaultValue("10s") Duration checkpointGrace) {

	public AuditProperties {
		positive("period", period);
		positive("retention", retention);
		positive("close-grace", closeGrace);
		positive("maintenance-interval", maintenanceInterval);
		positive("checkpoint-interval", checkpointInterval);
		positive("checkpoint-grace", checkpointGrace);
		if (checkpointGrace.compareTo(closeGrace) >= 0) {
			throw new IllegalArgumentException("pledge.audit.checkpoint-grace (" + checkpointGrace
					+ ") must be shorter than pledge.audit.close-grace (" + closeGrace + ")");
		}
		if (period.toSeconds() % Duration.ofDays(1).toSeconds() != 0 || period.getNano() != 0) {
			throw new IllegalArgumentException("pledge.audit.period must be a whole number of days, not " + period);
		}
		if (period.compareTo(Duration.ofDays(366)) > 0) {
			throw new IllegalArgumentException("pledge.audit.period must be at most 366 days, not " + period);
		}
		if (closeGrace.compareTo(period) >= 0) {
			throw new IllegalArgumentException("pledge.audit.close-grace (" + closeGrace
					+ ") must be shorter than pledge.audit.period (" + period + ")");
		}
		if (retention.compareTo(period) < 0) {
			throw new IllegalArgumentException("pledge.audit.retention (" + retention
					+ ") must be at least one pledge.audit.period (" + period + ")");
		}
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

	private static void positive(String name, Duration value) {
		Objects.requireNonNull(value, () -> "pledge.audit." + name + " must be set");
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("pledge.audit." + name + " must be positive, not " + value);
		}
	}
}
