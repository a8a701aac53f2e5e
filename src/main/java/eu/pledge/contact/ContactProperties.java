package eu.pledge.contact;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import eu.pledge.shared.PositiveDuration;

/**
 * Contact form settings, checked at start-up.
 *
 * @param retention how long a message is kept after receipt
 * @param minimumFillTime a form sent sooner after its question was issued is refused (people read and type)
 * @param challengeValidity how long a question can be answered
 * @param rateLimit messages one client address may send per {@code rateWindow}
 * @param rateWindow the window of {@code rateLimit}; the hashed address counter lives this long (at most 24 h)
 * @param staffAddress where a short notice of each new message goes (no content); none when empty
 */
@Validated
@ConfigurationProperties("pledge.contact")
public record ContactProperties(@PositiveDuration @DefaultValue("180d") Duration retention,
		@NotNull @DurationMin(nanos = 0, message = "must be zero or positive") @DefaultValue("3s") Duration minimumFillTime,
		@PositiveDuration @DefaultValue("1h") Duration challengeValidity,
		@Min(1) @DefaultValue("5") int rateLimit,
		@PositiveDuration @DurationMax(hours = 24, message = "must be at most 24h (it keeps a hashed IP)")
		@DefaultValue("1h") Duration rateWindow,
		String staffAddress) {

	public ContactProperties {
		staffAddress = staffAddress == null || staffAddress.isBlank() ? null : staffAddress.strip();
		if (staffAddress != null && !staffAddress.matches("[^@\\s]+@[^@\\s]+")) {
			throw new IllegalArgumentException("pledge.contact.staff-address is not an email address");
		}
	}

	// Holds while a setting is missing, which the constraints above report.
	@AssertTrue(message = "pledge.contact.minimum-fill-time must be shorter than pledge.contact.challenge-validity")
	boolean isMinimumFillTimeShorterThanChallengeValidity() {
		return minimumFillTime == null || challengeValidity == null || minimumFillTime.compareTo(challengeValidity) < 0;
	}
}
