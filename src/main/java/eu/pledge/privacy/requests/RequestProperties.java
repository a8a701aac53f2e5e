package eu.pledge.privacy.requests;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the data-subject request records, checked at start-up.
 *
 * @param requestRetention how long a closed request is kept (accountability: proof of how it was handled)
 * @param requestDueSoon how close to its deadline an open request is flagged as due soon
 */
@Validated
@ConfigurationProperties("pledge.privacy")
public record RequestProperties(
		@NotNull @DurationMin(days = 1, message = "must be at least 1d") @DefaultValue("1095d") Duration requestRetention,
		@NotNull @DurationMin(nanos = 0, message = "must be between 0d and 31d")
		@DurationMax(days = 31, message = "must be between 0d and 31d") @DefaultValue("7d") Duration requestDueSoon) {

}
