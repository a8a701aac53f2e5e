package eu.pledge.accounts;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A person's preferences: where they land after signing in, and the time zone they read times in. (Until issue 16
 * there was also a dashboard layout, which changed nothing; the API ignores a {@code dashboard} field sent by an
 * older client, docs/API.md.)
 *
 * @param homePage a path of Pledge, e.g. {@code /account/sessions} (never another site)
 * @param timeZone an IANA zone such as {@code Europe/Brussels}, or null for UTC
 */
public record PreferenceSettings(
		@NotNull(message = "Choose a home page.") @Pattern(regexp = "/(?!/)[A-Za-z0-9/_-]{0,199}", message = "Use a page of Pledge, such as /account.") String homePage,
		@Pattern(regexp = TimeZoneChoice.PATTERN, message = TimeZoneChoice.MESSAGE) String timeZone) {

	public static PreferenceSettings defaults() {
		return new PreferenceSettings("/", null);
	}
}
