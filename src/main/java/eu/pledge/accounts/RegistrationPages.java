package eu.pledge.accounts;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

import eu.pledge.shared.Rejected;
import eu.pledge.shared.Storable;

/** The registration page. Whether the address was new or taken, the answer is the same "check your mailbox". */
@Controller
class RegistrationPages {

	static final String VIEW = "accounts/register";

	private final Accounts accounts;
	private final PasswordProperties passwords;

	RegistrationPages(Accounts accounts, PasswordProperties passwords) {
		this.accounts = accounts;
		this.passwords = passwords;
	}

	record RegistrationForm(
			@NotBlank(message = "Enter your name.") @Size(max = 200, message = "Use at most 200 characters.") @Storable String name,
			@NotBlank(message = "Enter your email address.") @Size(max = 254, message = "Use at most 254 characters.") @Storable String email,
			String password,
			@NotBlank(message = "Enter the street and house number.") @Size(max = 200, message = "Use at most 200 characters.") @Storable String street,
			@NotBlank(message = "Enter the postal code.") @Size(max = 20, message = "Use at most 20 characters.") @Storable String postalCode,
			@NotBlank(message = "Enter the city.") @Size(max = 100, message = "Use at most 100 characters.") @Storable String city,
			@NotBlank(message = "Enter the country.") @Size(max = 60, message = "Use at most 60 characters.") @Storable String country) {

		static RegistrationForm empty() {
			return new RegistrationForm("", "", null, "", "", "", "");
		}

		Registration registration() {
			return new Registration(name, email, password, new PostalAddress(street, postalCode, city, country));
		}

		@Override
		public String toString() {
			return "RegistrationForm[redacted]";
		}
	}

	@ModelAttribute("passwordHint")
	String passwordHint() {
		return "At least " + passwords.minLength() + " characters. Any characters, no other rules; a few words you remember work well.";
	}

	@GetMapping("/register")
	String form(Model model) {
		model.addAttribute("form", RegistrationForm.empty());
		return VIEW;
	}

	@GetMapping(path = "/register", params = "sent")
	String sent() {
		return "accounts/register-sent";
	}

	@PostMapping("/register")
	String register(@Valid @ModelAttribute("form") RegistrationForm form, BindingResult result,
			Model model, HttpServletResponse response) {
		if (result.hasErrors()) {
			return FormRefusals.invalid(result, model, response, VIEW);
		}
		try {
			accounts.register(form.registration());
		}
		catch (Rejected ex) {
			return FormRefusals.refused(ex, result, model, response, VIEW);
		}
		return "redirect:/register?sent";
	}
}
