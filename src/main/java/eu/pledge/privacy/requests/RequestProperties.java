package eu.pledge.privacy.requests;

import java.time.Duration;

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
public record RequestProperties(@DefaultValue("1095d") Duration requestRetention,
		@DefaultValue("7d") Duration requestDueSoon) {

	public RequestProperties {
		if (requestRetention == null || requestRetention.compareTo(Duration.ofDays(1)) < 0) {
			throw new IllegalArgumentException("pledge.privacy.request-retention must be at least 1d");
		}
		if (requestDueSoon == null || requestDueSoon.isNegative() || requestDueSoon.compareTo(Duration.ofDays(31)) > 0) {
			throw new IllegalArgumentException("pledge.privacy.request-due-soon must be between 0d and 31d");
		}
	}
}
