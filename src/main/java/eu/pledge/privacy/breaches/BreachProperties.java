package eu.pledge.privacy.breaches;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the breach records, checked at start-up.
 *
 * @param breachRetention how long a breach record is kept after its last change (a period: {@code 5y},
 *        {@code 60m}); the documentation of Art. 33(5) GDPR
 * @param breachDueSoon how close to the 72-hour deadline an unreported breach is flagged as due soon
 */
@Validated
@ConfigurationProperties("pledge.privacy")
public record BreachProperties(@NotNull @AtLeastOneYear @DefaultValue("5y") Period breachRetention,
		@NotNull @DurationMin(hours = 1, message = "must be between 1h and 72h")
		@DurationMax(hours = 72, message = "must be between 1h and 72h") @DefaultValue("24h") Duration breachDueSoon) {

	/** The 72 hours of Art. 33(1), from the moment the controller became aware of the breach. */
	static final Duration AUTHORITY_DEADLINE = Duration.ofHours(72);

	/** Records last changed before this moment are past their retention at {@code now}. */
	Instant retentionCutoff(Instant now) {
		return now.atZone(ZoneOffset.UTC).minus(breachRetention).toInstant();
	}

	/** The retention as a duration counted back from {@code now} (what the inventory and the notice print). */
	Duration retentionAt(Instant now) {
		return Duration.between(retentionCutoff(now), now);
	}
}
