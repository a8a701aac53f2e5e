package eu.pledge.contact;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import eu.pledge.privacy.DataSubjectRequest;
import eu.pledge.privacy.RequestType;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Rejected;

/** The administrators' view of contact messages: the list, one message, and recording a request from it. */
@Controller
class ContactAdminPages {

	private final ContactMessages contact;

	ContactAdminPages(ContactMessages contact) {
		this.contact = contact;
	}

	@GetMapping("/admin/contact")
	String list(Model model) {
		model.addAttribute("messages", contact.recent());
		return "contact/admin-messages";
	}

	@GetMapping("/admin/contact/{id}")
	String detail(@PathVariable String id, Model model) {
		return show(model, contact.find(id));
	}

	@PostMapping("/admin/contact/{id}/request")
	String turnIntoRequest(Authentication authentication, @PathVariable String id,
			@RequestParam(required = false) String type, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		try {
			DataSubjectRequest request = contact.turnIntoRequest(AccountId.from(authentication), id, type(type));
			redirect.addFlashAttribute("notice", "The request was recorded from the message. It is due on "
					+ request.dueOn() + ".");
			return "redirect:/admin/requests/" + request.id();
		}
		catch (Rejected ex) {
			if (ex.status().value() == 404) {
				throw ex;
			}
			model.addAttribute("error", ex.getMessage());
			response.setStatus(ex.status().is4xxClientError() ? ex.status().value() : 400);
			return show(model, contact.find(id));
		}
	}

	@PostMapping("/admin/contact/{id}/deletion")
	String delete(Authentication authentication, @PathVariable String id, RedirectAttributes redirect) {
		contact.delete(AccountId.from(authentication), id);
		redirect.addFlashAttribute("notice", "The message was deleted.");
		return "redirect:/admin/contact";
	}

	private static RequestType type(String value) {
		if (value != null) {
			for (RequestType type : RequestType.values()) {
				if (type.name().equalsIgnoreCase(value.strip())) {
					return type;
				}
			}
		}
		throw Rejected.badRequest("type", "Choose what the person asks for.");
	}

	private String show(Model model, ContactMessage message) {
		model.addAttribute("message", message);
		model.addAttribute("types", RequestType.values());
		return "contact/admin-message";
	}
}
