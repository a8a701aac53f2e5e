package eu.pledge.privacy;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import eu.pledge.privacy.spi.RetentionSettings;
import eu.pledge.shared.PositiveDuration;

/**
 * The privacy module's settings: the retention numbers that belong to no single module (the customer rule and
 * unverified registrations), the sweeper's rhythm, and who the controller is. The privacy notice, the record of
 * processing, the sweeper and the compliance check all read these same values; other modules read the retention
 * numbers through {@link RetentionSettings}, which this record implements.
 *
 * @param customerGracePeriod how long after an account stopped being a customer (its organisation's last contract
 *        ended or was suspended, its organisation was closed, it was removed) its data is destroyed; an account that
 *        never became a customer, this long after it registered
 * @param unverifiedRegistrationLifetime how long a registration whose email was never confirmed is kept
 * @param completedEventRetention how long a delivered event publication (ids of its event) is kept
 * @param sweepInterval how often the retention sweeper runs every rule
 * @param sweepBatch items a rule deletes per committed batch (the customer rule: accounts per batch)
 * @param sweepLease how long a node holds a rule's lock; another node takes it over after this (a crashed runner)
 * @param sweeperEnabled whether this node runs the sweeper (off for the {@code verify} command)
 * @param controller the controller named in the notice and the record of processing
 */
@Validated
@ConfigurationProperties("pledge.privacy")
public record PrivacyProperties(@PositiveDuration @DefaultValue("30d") Duration customerGracePeriod,
		@PositiveDuration @DefaultValue("7d") Duration unverifiedRegistrationLifetime,
		@PositiveDuration @DefaultValue("7d") Duration completedEventRetention,
		@PositiveDuration @DefaultValue("5m") Duration sweepInterval, @Positive @DefaultValue("500") int sweepBatch,
		@PositiveDuration @DefaultValue("10m") Duration sweepLease, @DefaultValue("true") boolean sweeperEnabled,
		@Valid @NotNull @DefaultValue Controller controller) implements RetentionSettings {

	/**
	 * @param name the controller's legal name
	 * @param contact how to reach the controller (postal address or email)
	 * @param dpo the data protection officer's contact, or empty when none is designated
	 */
	public record Controller(@NotBlank @DefaultValue("The operator of this Pledge installation") String name,
			@NotBlank @DefaultValue("through the contact form") String contact, @DefaultValue("") String dpo) {
	}
}
