package eu.pledge.accounts;

import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.Rejected;

/**
 * New recovery codes ({@code /account/recovery-codes}): after the current password, a fresh set replaces the old,
 * shown once on the answer to the POST (never stored in the session), with download and print.
 */
@Controller
class RecoveryCodePages {

	private final Credentials credentials;

	RecoveryCodePages(Credentials credentials) {
		this.credentials = credentials;
	}

	@GetMapping("/account/recovery-codes")
	String page(Authentication authentication, Model model) {
		AccountId id = AccountId.from(authentication);
		model.addAttribute("remaining", credentials.remainingRecoveryCodes(id));
		model.addAttribute("version", credentials.recoveryCodesVersion(id));
		return "accounts/recovery-codes-renew";
	}

	@PostMapping("/account/recovery-codes")
	String renew(Authentication authentication, @RequestParam(required = false) String currentPassword,
			@RequestParam(required = false) String version, Model model, HttpServletResponse response) {
		AccountId id = AccountId.from(authentication);
		List<String> codes;
		try {
			if (currentPassword == null || currentPassword.isEmpty() || currentPassword.length() > 4096) {
				throw Rejected.badRequest("currentPassword", "Enter your current password.");
			}
			// the set the page was shown for: the same form posted twice renews once
			codes = credentials.regenerateRecoveryCodes(id, currentPassword,
					version == null || version.isBlank() ? null : version);
		}
		catch (Rejected refused) {
			response.setStatus(refused.status().value());
			model.addAttribute("remaining", credentials.remainingRecoveryCodes(id));
			model.addAttribute("version", credentials.recoveryCodesVersion(id));
			model.addAttribute("error", refused.getMessage());
			return "accounts/recovery-codes-renew";
		}
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		model.addAttribute("codes", codes);
		model.addAttribute("renewed", true);
		return "accounts/recovery-codes";
	}
}
