package eu.pledge.privacy.breaches;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
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

import eu.pledge.shared.AccountId;
import eu.pledge.shared.Rejected;

/** The administrators' pages of breach records: the list with the 72-hour clock, opening one, acting on one. */
@Controller
class BreachPages {

	private static final String LIST = "privacy/breaches";
	private static final String DETAIL = "privacy/breach";

	private final Breaches breaches;
	private final BreachNotices notices;
	private final BreachTexts texts;

	BreachPages(Breaches breaches, BreachNotices notices, BreachTexts texts) {
		this.breaches = breaches;
		this.notices = notices;
		this.texts = texts;
	}

	@GetMapping("/admin/breaches")
	String list(Model model) {
		return showList(model, Map.of());
	}

	@PostMapping("/admin/breaches")
	String record(Authentication authentication, @RequestParam Map<String, String> form, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		try {
			Breach recorded = breaches.record(AccountId.from(authentication), form(form));
			redirect.addFlashAttribute("notice", "The breach was recorded. The authority must be notified by "
					+ recorded.authorityDueAt() + " at the latest.");
			return "redirect:/admin/breaches/" + recorded.id();
		}
		catch (Rejected ex) {
			refused(ex, model, response);
			return showList(model, form);
		}
	}

	@GetMapping("/admin/breaches/{id}")
	String detail(@PathVariable String id, Model model) {
		return showDetail(model, breaches.find(id), Map.of());
	}

	@PostMapping("/admin/breaches/{id}")
	String update(Authentication authentication, @PathVariable String id, @RequestParam Map<String, String> form,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		try {
			Breach updated = breaches.update(AccountId.from(authentication), id, form(form));
			redirect.addFlashAttribute("notice", "The breach record was saved.");
			return "redirect:/admin/breaches/" + updated.id();
		}
		catch (Rejected ex) {
			if (ex.status().value() == 404) {
				throw ex;
			}
			refused(ex, model, response);
			return showDetail(model, breaches.find(id), form);
		}
	}

	@PostMapping("/admin/breaches/{id}/notifications")
	String notifyPeople(Authentication authentication, @PathVariable String id, @RequestParam Map<String, String> form,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		try {
			String ids = form.getOrDefault("accountIds", "");
			List<String> accountIds = ids.isBlank() ? null
					: Arrays.stream(ids.split("[\\s,;]+")).filter(part -> !part.isEmpty()).toList();
			BreachNotices.Outcome outcome = notices.notifyPeople(AccountId.from(authentication), id, new Audience(
					form.get("organizationId"), accountIds, form.get("signedInFrom"), form.get("signedInTo")));
			redirect.addFlashAttribute("notice", "Mailed the notice to " + people(outcome.notified()) + ". Told before: "
					+ people(outcome.alreadyNotified()) + ". Without an account or address: "
					+ people(outcome.withoutAddress()) + ".");
			return "redirect:/admin/breaches/" + breaches.find(id).id();
		}
		catch (Rejected ex) {
			if (ex.status().value() == 404) {
				throw ex;
			}
			refused(ex, model, response);
			return showDetail(model, breaches.find(id), form);
		}
	}

	private static String people(int count) {
		return count + (count == 1 ? " person" : " people");
	}

	private static BreachForm form(Map<String, String> form) {
		return new BreachForm(form.get("discoveredAt"), form.get("summary"), form.get("dataCategories"),
				form.get("subjectCategories"), form.get("approximateSubjects"), form.get("consequences"),
				form.get("measures"), form.get("highRisk"), form.get("authorityNotifiedAt"), form.get("delayReason"),
				form.get("noNotificationReason"));
	}

	private String showList(Model model, Map<String, String> form) {
		model.addAttribute("breaches", breaches.list());
		model.addAttribute("form", new LinkedHashMap<>(form));
		return LIST;
	}

	private String showDetail(Model model, Breach breach, Map<String, String> form) {
		model.addAttribute("breach", breach);
		model.addAttribute("authorityText", texts.authority(breach));
		model.addAttribute("told", notices.told(breach.id().toString()));
		model.addAttribute("form", new LinkedHashMap<>(form));
		return DETAIL;
	}

	private static void refused(Rejected ex, Model model, HttpServletResponse response) {
		model.addAttribute("error", ex.getMessage());
		model.addAttribute("errorField", ex.field());
		response.setStatus(ex.status().is4xxClientError() ? ex.status().value() : 400);
	}
}
