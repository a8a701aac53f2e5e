package eu.pledge.privacy.requests;

import java.util.LinkedHashMap;
import java.util.Map;

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
import eu.pledge.privacy.DataSubjectRequests;
import eu.pledge.privacy.RequestStatus;
import eu.pledge.privacy.RequestType;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Rejected;

/** The administrators' pages of data-subject requests: the list by deadline, recording one, acting on one. */
@Controller
class RequestPages {

	private static final String LIST = "privacy/requests";
	private static final String DETAIL = "privacy/request";

	private final DataSubjectRequests requests;
	private final RequestActions actions;

	RequestPages(DataSubjectRequests requests, RequestActions actions) {
		this.requests = requests;
		this.actions = actions;
	}

	@GetMapping("/admin/requests")
	String list(Model model) {
		return showList(model, Map.of());
	}

	@PostMapping("/admin/requests")
	String record(Authentication authentication, @RequestParam Map<String, String> form, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		try {
			DataSubjectRequest recorded = requests.record(AccountId.from(authentication), new DataSubjectRequests.NewRequest(
					RequestInput.choice(RequestType.class, "type", form.get("type")),
					RequestInput.account("accountId", form.get("accountId")), form.get("contactEmail"),
					RequestInput.date("receivedOn", form.get("receivedOn")), form.get("note"), null));
			redirect.addFlashAttribute("notice", "The request was recorded. It is due on " + recorded.dueOn() + ".");
			return "redirect:/admin/requests/" + recorded.id();
		}
		catch (Rejected ex) {
			refused(ex, model, response);
			return showList(model, form);
		}
	}

	@GetMapping("/admin/requests/{id}")
	String detail(@PathVariable String id, Model model) {
		return showDetail(model, requests.find(id));
	}

	@PostMapping("/admin/requests/{id}")
	String update(Authentication authentication, @PathVariable String id, @RequestParam(required = false) String status,
			@RequestParam(required = false) String reason, @RequestParam(required = false) String note, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		try {
			requests.update(AccountId.from(authentication), id,
					new DataSubjectRequests.Change(RequestInput.choice(RequestStatus.class, "status", status), reason, note));
			redirect.addFlashAttribute("notice", "The request was updated.");
			return "redirect:/admin/requests/" + requests.find(id).id();
		}
		catch (Rejected ex) {
			if (ex.status().value() == 404) {
				throw ex;
			}
			refused(ex, model, response);
			model.addAttribute("reason", reason);
			model.addAttribute("note", note);
			return showDetail(model, requests.find(id));
		}
	}

	private String showList(Model model, Map<String, String> form) {
		model.addAttribute("requests", requests.list());
		model.addAttribute("types", RequestType.values());
		model.addAttribute("form", new LinkedHashMap<>(form));
		return LIST;
	}

	private String showDetail(Model model, DataSubjectRequest request) {
		model.addAttribute("req", request);
		model.addAttribute("links", actions.links(request));
		model.addAttribute("howTo", actions.howTo(request));
		return DETAIL;
	}

	private static void refused(Rejected ex, Model model, HttpServletResponse response) {
		model.addAttribute("error", ex.getMessage());
		model.addAttribute("errorField", ex.field());
		response.setStatus(ex.status().is4xxClientError() ? ex.status().value() : 400);
	}
}
