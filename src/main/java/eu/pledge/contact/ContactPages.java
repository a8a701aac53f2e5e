package eu.pledge.contact;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

import eu.pledge.protection.Questions;
import eu.pledge.shared.Rejected;

/** The public contact page: the form with the arithmetic question, and the thanks. */
@Controller
class ContactPages {

	static final String VIEW = "contact/form";

	private final ContactMessages contact;

	ContactPages(ContactMessages contact) {
		this.contact = contact;
	}

	/** The form as sent; {@code question} only redisplays the question the token belongs to. */
	record ContactForm(String name, String email, String message, String challenge, String question, String answer,
			String website) {

		ContactMessages.Submission submission() {
			return new ContactMessages.Submission(name, email, message, challenge, answer, website);
		}

		@Override
		public String toString() {
			return "ContactForm[redacted]";
		}
	}

	@GetMapping("/contact")
	String form(Model model) {
		Questions.Question challenge = contact.challenge();
		model.addAttribute("form", new ContactForm("", "", "", challenge.token(), challenge.question(), "", ""));
		return VIEW;
	}

	@GetMapping(path = "/contact", params = "sent")
	String sent() {
		return "contact/sent";
	}

	@PostMapping("/contact")
	String send(@ModelAttribute("form") ContactForm form, BindingResult result, Authentication authentication,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		try {
			contact.submit(form.submission(), request.getRemoteAddr(),
					ContactMessages.accountOf(authentication).orElse(null));
			return "redirect:/contact?sent";
		}
		catch (Rejected ex) {
			ContactForm again = form;
			if ("answer".equals(ex.field()) || ex.field() == null) {
				// The question was used, expired or never valid: a new one, and the answer box empty.
				Questions.Question challenge = contact.challenge();
				again = new ContactForm(form.name(), form.email(), form.message(), challenge.token(),
						challenge.question(), "", "");
			}
			BindingResult errors = new BeanPropertyBindingResult(again, "form");
			if (ex.field() != null) {
				errors.rejectValue(ex.field(), "rejected", ex.getMessage());
			}
			else {
				errors.reject("rejected", ex.getMessage());
			}
			model.addAttribute("form", again);
			model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "form", errors);
			response.setStatus(ex.status().is4xxClientError() ? ex.status().value() : 400);
			return VIEW;
		}
	}
}
