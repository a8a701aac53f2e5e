package eu.pledge.privacy.rights;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the data-subject rights.
 *
 * @param restrictionCleanupInterval how often restrictions whose end date passed are deleted and the person
 *        told (reads already ignore them from that moment on)
 */
@Validated
@ConfigurationProperties("pledge.privacy.rights")
public record RightsProperties(@DefaultValue("5m") Duration restrictionCleanupInterval) {

	public RightsProperties {
		if (restrictionCleanupInterval == null || restrictionCleanupInterval.isNegative()
				|| restrictionCleanupInterval.isZero()) {
			throw new IllegalArgumentException(
					"pledge.privacy.rights.restriction-cleanup-interval must be positive, not " + restrictionCleanupInterval);
		}
	}
}
