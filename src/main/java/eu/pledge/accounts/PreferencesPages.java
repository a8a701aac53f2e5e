package eu.pledge.accounts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import eu.pledge.shared.AccountId;

/** Where a person lands after signing in, and the time zone they read times in. */
@Controller
class PreferencesPages {

	static final String VIEW = "accounts/preferences";

	static final Map<String, String> HOME_PAGES = inOrder(List.of("/", "/account", "/account/sessions",
			"/account/security", "/account/preferences"), List.of("Home: your systems, activity and security", "Profile",
			"Sessions", "Password and two-step sign-in", "Preferences"));

	private final Preferences preferences;

	PreferencesPages(Preferences preferences) {
		this.preferences = preferences;
	}

	/** An empty time zone is "not chosen" (UTC; the page offers the browser's). */
	record PreferencesForm(
			@NotNull(message = "Choose a home page.") @Pattern(regexp = "/|/account(/sessions|/security|/preferences)?", message = "Choose one of the listed pages.") String homePage,
			@Pattern(regexp = "|" + TimeZoneChoice.PATTERN, message = TimeZoneChoice.MESSAGE) String timeZone) {

		static PreferencesForm of(PreferenceSettings settings) {
			return new PreferencesForm(settings.homePage(), settings.timeZone() == null ? "" : settings.timeZone());
		}

		PreferenceSettings settings() {
			return new PreferenceSettings(homePage, timeZone == null || timeZone.isEmpty() ? null : timeZone);
		}
	}

	@ModelAttribute
	void choices(Model model) {
		model.addAttribute("homePages", HOME_PAGES);
		model.addAttribute("timeZones", TimeZoneChoice.ZONES);
	}

	@GetMapping("/account/preferences")
	String page(Authentication authentication, Model model) {
		model.addAttribute("form", PreferencesForm.of(preferences.of(AccountId.from(authentication))));
		return VIEW;
	}

	@PostMapping("/account/preferences")
	String save(Authentication authentication, @Valid @ModelAttribute("form") PreferencesForm form,
			BindingResult result, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		if (!result.hasErrors() && !TimeZoneChoice.known(form.timeZone())) {
			result.rejectValue("timeZone", "unknown", TimeZoneChoice.MESSAGE);
		}
		if (result.hasErrors()) {
			return FormRefusals.invalid(result, model, response, VIEW);
		}
		preferences.update(AccountId.from(authentication), form.settings());
		redirect.addFlashAttribute("notice", "Your preferences are saved.");
		return "redirect:/account/preferences";
	}

	private static Map<String, String> inOrder(List<String> values, List<String> labels) {
		Map<String, String> choices = new LinkedHashMap<>();
		for (int i = 0; i < values.size(); i++) {
			choices.put(values.get(i), labels.get(i));
		}
		return Collections.unmodifiableMap(choices);
	}
}
