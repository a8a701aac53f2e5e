package eu.pledge.accounts;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Account and credential settings.
 *
 * @param verificationLinkValidity how long an emailed verification (or email-change) link works
 * @param resetLinkValidity how long an emailed password-reset link works
 * @param adminTwoStepRequired whether a platform administrator without a second factor is sent to set one up
 *        (and refused by the administration API) until it is on
 * @param recheckAfter how long a node reuses a person's profile it read and decrypted ({@code RecentProfiles}): a
 *        change made on another node is seen here within this time; at most 1 s, {@code 0s} reads it every time
 */
@Validated
@ConfigurationProperties("pledge.accounts")
public record AccountsProperties(@NotNull @DefaultValue("24h") Duration verificationLinkValidity,
		@NotNull @DefaultValue("30m") Duration resetLinkValidity,
		@DefaultValue("true") boolean adminTwoStepRequired,
		@NotNull @DurationMin(seconds = 0, message = "must not be negative") @DurationMax(seconds = 1, message = "must be at most 1 second") @DefaultValue("1s") Duration recheckAfter) {
}
