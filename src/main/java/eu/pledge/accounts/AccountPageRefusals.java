package eu.pledge.accounts;

import java.util.Map;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

import eu.pledge.shared.Rejected;

/**
 * A refusal no form can show (the signed-in account was erased meanwhile, say) becomes a page with the
 * facade's message and its status. Listed by type: {@code annotations = Controller.class} would also match
 * the JSON API, which answers with problem details instead.
 */
@ControllerAdvice(assignableTypes = { RegistrationPages.class, VerificationPages.class,
		ProfilePages.class, EmailChangePages.class, SecurityPages.class,
		TotpEnrolmentPages.class, PreferencesPages.class, PasswordResetPages.class })
class AccountPageRefusals {

	@ExceptionHandler(Rejected.class)
	ModelAndView refused(Rejected ex) {
		return new ModelAndView("accounts/refused", Map.of("error", ex.getMessage()), ex.status());
	}
}
