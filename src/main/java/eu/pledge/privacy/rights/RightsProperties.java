package eu.pledge.privacy.rights;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import eu.pledge.shared.PositiveDuration;

/**
 * Settings of the data-subject rights.
 *
 * @param restrictionCleanupInterval how often restrictions whose end date passed are deleted and the person
 *        told (reads already ignore them from that moment on)
 */
@Validated
@ConfigurationProperties("pledge.privacy.rights")
public record RightsProperties(@PositiveDuration @DefaultValue("5m") Duration restrictionCleanupInterval) {

}
