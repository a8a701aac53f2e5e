package eu.pledge.accounts;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.Rejected;
import eu.pledge.shared.Storable;

/** The signed-in person's own profile, and the form to correct their name and postal address. */
@Controller
class ProfilePages {

	static final String VIEW = "accounts/profile";

	private final Accounts accounts;

	ProfilePages(Accounts accounts) {
		this.accounts = accounts;
	}

	record ProfileForm(
			@NotBlank(message = "Enter your name.") @Size(max = 200, message = "Use at most 200 characters.") @Storable String name,
			@NotBlank(message = "Enter the street and house number.") @Size(max = 200, message = "Use at most 200 characters.") @Storable String street,
			@NotBlank(message = "Enter the postal code.") @Size(max = 20, message = "Use at most 20 characters.") @Storable String postalCode,
			@NotBlank(message = "Enter the city.") @Size(max = 100, message = "Use at most 100 characters.") @Storable String city,
			@NotBlank(message = "Enter the country.") @Size(max = 60, message = "Use at most 60 characters.") @Storable String country) {

		static ProfileForm of(Profile profile) {
			PostalAddress address = profile.address();
			return new ProfileForm(profile.name(), address.street(), address.postalCode(), address.city(),
					address.country());
		}

		PostalAddress address() {
			return new PostalAddress(street, postalCode, city, country);
		}

		@Override
		public String toString() {
			return "ProfileForm[redacted]";
		}
	}

	@GetMapping("/account")
	String page(Authentication authentication, Model model) {
		Profile profile = accounts.profile(AccountId.from(authentication));
		model.addAttribute("profile", profile);
		model.addAttribute("form", ProfileForm.of(profile));
		return VIEW;
	}

	@PostMapping("/account")
	String correct(Authentication authentication, @Valid @ModelAttribute("form") ProfileForm form,
			BindingResult result, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		AccountId id = AccountId.from(authentication);
		model.addAttribute("profile", accounts.profile(id));
		if (result.hasErrors()) {
			return FormRefusals.invalid(result, model, response, VIEW);
		}
		try {
			accounts.correctProfile(id, form.name(), form.address());
		}
		catch (Rejected ex) {
			return FormRefusals.refused(ex, result, model, response, VIEW);
		}
		redirect.addFlashAttribute("notice", "Your profile is saved.");
		return "redirect:/account";
	}
}
