package eu.pledge.accounts;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.Rejected;

/**
 * Adding and removing passkeys on the security page. Adding takes two requests: the name and the current
 * password, answered with a page that carries the browser's options; then the browser's answer
 * ({@code static/js/passkeys.js} puts it into the page's form).
 */
@Controller
class PasskeyPages {

	static final String NEW_VIEW = "accounts/passkey-new";

	private final Passkeys passkeys;
	private final SecurityPages security;

	PasskeyPages(Passkeys passkeys, SecurityPages security) {
		this.passkeys = passkeys;
		this.security = security;
	}

	record NewPasskeyForm(String name, String currentPassword, String credential) {

		@Override
		public String toString() {
			return "NewPasskeyForm[redacted]";
		}
	}

	record PasskeyForm(String name, String credential) {

		@Override
		public String toString() {
			return "PasskeyForm[redacted]";
		}
	}

	@PostMapping("/account/passkeys/new")
	String start(Authentication authentication, NewPasskeyForm form, Model model, HttpServletResponse response) {
		AccountId id = AccountId.from(authentication);
		String name = form.name() == null ? "" : form.name().strip();
		try {
			if (name.isEmpty() || name.length() > Passkeys.MAX_NAME_LENGTH) {
				throw Rejected.badRequest("name", "Give the passkey a name of 1 to " + Passkeys.MAX_NAME_LENGTH
						+ " characters, such as the device it is on.");
			}
			model.addAttribute("options", form.credential() != null && !form.credential().isBlank()
					? passkeys.registrationOptionsAfterPasskey(id, form.credential())
					: passkeys.registrationOptions(id, form.currentPassword()));
		}
		catch (Rejected ex) {
			return refused(id, ex, model, response);
		}
		model.addAttribute("name", name);
		return NEW_VIEW;
	}

	/** Options for confirming with a passkey instead of the password, fetched by {@code passkeys.js}. */
	@PostMapping(path = "/account/passkeys/recheck/options", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> recheckOptions(Authentication authentication) {
		AccountId id = AccountId.from(authentication);
		if (!passkeys.has(id)) {
			return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
					.body("{\"detail\":\"You have no passkey yet: confirm with your password.\"}");
		}
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).cacheControl(CacheControl.noStore())
				.body(passkeys.recheckOptions(id));
	}

	@PostMapping("/account/passkeys")
	String add(Authentication authentication, PasskeyForm form, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		AccountId id = AccountId.from(authentication);
		try {
			passkeys.register(id, form.name(), form.credential());
		}
		catch (Rejected ex) {
			return refused(id, ex, model, response);
		}
		redirect.addFlashAttribute("notice", "Your passkey \u201c" + form.name().strip() + "\u201d is added. "
				+ "You can sign in with it without your password.");
		return "redirect:/account/security";
	}

	@PostMapping("/account/passkeys/{reference}/remove")
	String remove(Authentication authentication, @PathVariable String reference, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		AccountId id = AccountId.from(authentication);
		try {
			passkeys.remove(id, reference);
		}
		catch (Rejected ex) {
			return refused(id, ex, model, response);
		}
		redirect.addFlashAttribute("notice", "The passkey is removed. Remove it from the device too.");
		return "redirect:/account/security";
	}

	@PostMapping("/account/passkeys/confirm")
	String confirm(Authentication authentication, RedirectAttributes redirect) {
		passkeys.confirm(AccountId.from(authentication));
		redirect.addFlashAttribute("notice", "Your passkeys are kept and count as your second step again.");
		return "redirect:/account/security";
	}

	@PostMapping("/account/passkey-only")
	String passkeyOnly(Authentication authentication, String on, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		AccountId id = AccountId.from(authentication);
		boolean turnOn = "true".equals(on);
		try {
			passkeys.passkeyOnly(id, turnOn);
		}
		catch (Rejected ex) {
			return refused(id, ex, model, response);
		}
		redirect.addFlashAttribute("notice", turnOn
				? "Your password no longer signs you in: use a passkey. A password reset by mail turns the password back on."
				: "Your password signs you in again.");
		return "redirect:/account/security";
	}

	private String refused(AccountId id, Rejected ex, Model model, HttpServletResponse response) {
		response.setStatus(ex.status().is4xxClientError() ? ex.status().value() : 400);
		model.addAttribute("error", ex.getMessage());
		return security.view(id, model);
	}
}
