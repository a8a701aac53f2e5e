package eu.pledge.accounts;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A person's preferences: where they land after signing in, and how their dashboard is laid out.
 *
 * @param homePage a path of Pledge, e.g. {@code /account/sessions} (never another site)
 * @param dashboard the dashboard layout
 */
public record PreferenceSettings(
		@NotNull(message = "Choose a home page.") @Pattern(regexp = "/(?!/)[A-Za-z0-9/_-]{0,199}", message = "Use a page of Pledge, such as /account.") String homePage,
		@Valid @NotNull(message = "Choose a dashboard layout.") Dashboard dashboard) {

	public static final List<String> WIDGETS = List.of("profile", "security", "sessions", "preferences");

	public static PreferenceSettings defaults() {
		return new PreferenceSettings("/account", new Dashboard(2, WIDGETS));
	}

	/**
	 * @param columns how many columns the dashboard uses
	 * @param widgets which panels it shows, in order (from {@link #WIDGETS})
	 */
	public record Dashboard(@Min(value = 1, message = "Use 1 to 4 columns.") @Max(value = 4, message = "Use 1 to 4 columns.") int columns,
			@NotNull(message = "List the panels to show.") @Size(max = 4, message = "Choose at most 4 panels.") List<@NotNull(message = "Use a panel's name (profile, security, sessions or preferences), not null.") @Pattern(regexp = "profile|security|sessions|preferences", message = "Unknown panel.") String> widgets) {
	}
}
