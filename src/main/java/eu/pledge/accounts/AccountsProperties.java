package eu.pledge.accounts;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

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
 */
@Validated
@ConfigurationProperties("pledge.accounts")
public record AccountsProperties(@NotNull @DefaultValue("24h") Duration verificationLinkValidity,
		@NotNull @DefaultValue("30m") Duration resetLinkValidity,
		@DefaultValue("true") boolean adminTwoStepRequired) {
}
