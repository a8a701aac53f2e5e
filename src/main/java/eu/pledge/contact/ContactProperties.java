package eu.pledge.contact;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

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
public record ContactProperties(@DefaultValue("180d") Duration retention, @DefaultValue("3s") Duration minimumFillTime,
		@DefaultValue("1h") Duration challengeValidity, @DefaultValue("5") int rateLimit,
		@DefaultValue("1h") Duration rateWindow, String staffAddress) {

	public ContactProperties {
		positive("retention", retention);
		if (minimumFillTime == null || minimumFillTime.isNegative()) {
			throw new IllegalArgumentException("pledge.contact.minimum-fill-time must be zero or positive");
		}
		positive("challenge-validity", challengeValidity);
		if (minimumFillTime.compareTo(challengeValidity) >= 0) {
			throw new IllegalArgumentException("pledge.contact.minimum-fill-time must be shorter than challenge-validity");
		}
		if (rateLimit < 1) {
			throw new IllegalArgumentException("pledge.contact.rate-limit must be at least 1");
		}
		positive("rate-window", rateWindow);
		if (rateWindow.compareTo(Duration.ofHours(24)) > 0) {
			throw new IllegalArgumentException("pledge.contact.rate-window must be at most 24h (it keeps a hashed IP)");
		}
		staffAddress = staffAddress == null || staffAddress.isBlank() ? null : staffAddress.strip();
		if (staffAddress != null && !staffAddress.matches("[^@\\s]+@[^@\\s]+")) {
			throw new IllegalArgumentException("pledge.contact.staff-address is not an email address");
		}
	}

	private static void positive(String name, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("pledge.contact." + name + " must be a positive duration");
		}
	}
}
