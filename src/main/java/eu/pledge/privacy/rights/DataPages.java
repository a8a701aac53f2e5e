package eu.pledge.privacy.rights;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import eu.pledge.privacy.Restriction;
import eu.pledge.privacy.Restrictions;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.ErasedRequests;
import eu.pledge.shared.Rejected;
import eu.pledge.shared.TimeZones;
import tools.jackson.databind.json.JsonMapper;

/**
 * The person's data page: everything held, grouped by category with its purpose and deletion date, links to
 * where each thing can be corrected, the export button, the restriction controls and the way to erasure.
 */
@Controller
class DataPages {

	private final PersonalData data;
	private final Erasure erasure;
	private final Restrictions restrictions;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final JsonMapper json;
	private final Objections objections;
	private final TimeZones zones;

	DataPages(PersonalData data, Erasure erasure, Restrictions restrictions, ApplicationEventPublisher events,
			Clock clock, JsonMapper json, Objections objections, org.springframework.beans.factory.ObjectProvider<TimeZones> zones) {
		this.zones = TimeZones.orUtc(zones);
		this.json = json;
		this.objections = objections;
		this.data = data;
		this.erasure = erasure;
		this.restrictions = restrictions;
		this.events = events;
		this.clock = clock;
	}

	/** Where each category's data can be seen in full or corrected. */
	private static final Map<String, List<DataPageView.Link>> CORRECTION = Map.of(
			"identity", List.of(new DataPageView.Link("/account", "Correct your name and postal address"),
					new DataPageView.Link("/account/email", "Change your email address")),
			"credentials", List.of(new DataPageView.Link("/account/security", "Change your password or second factor")),
			"preferences", List.of(new DataPageView.Link("/account/preferences", "Change your preferences")),
			"sessions", List.of(new DataPageView.Link("/account/sessions", "End sessions")),
			"memberships", List.of(new DataPageView.Link("/account/access", "See your access")),
			"audit-events", List.of(new DataPageView.Link("/account/audit", "Search your activity")));

	private static final List<DataPageView.Link> NO_LINKS = List.of();

	@GetMapping("/account/data")
	String page(Authentication authentication, @RequestParam(required = false) String category,
			@RequestParam(required = false) String page, Model model) {
		AccountId account = AccountId.from(authentication);
		show(model, account, category, page);
		events.publishEvent(new PersonalDataViewed(account, clock.instant()));
		return "privacy/data";
	}

	private void show(Model model, AccountId account) {
		show(model, account, null, null);
	}

	private void show(Model model, AccountId account, String openCategory, String page) {
		DataReport report = data.of(account);
		DataPageView view = new DataPageView(json, zones.of(account));
		int number = page != null && page.matches("[1-9][0-9]{0,5}") ? Integer.parseInt(page) : 1;
		model.addAttribute("report", report);
		model.addAttribute("summary", view.summary(report));
		model.addAttribute("categories", report.categories().stream()
			.map(category -> view.category(category, CORRECTION.getOrDefault(category.name(), NO_LINKS), openCategory,
					number))
			.toList());
		model.addAttribute("openCategory", openCategory);
		model.addAttribute("objections", objections.of(account));
	}

	@PostMapping("/account/data/restriction")
	String restrict(Authentication authentication, @RequestParam(required = false) String until, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		AccountId account = AccountId.from(authentication);
		try {
			Restriction restriction = restrictions.restrict(account, RestrictionEnd.parse(until));
			redirect.addFlashAttribute("notice", restriction.permanent()
					? "Processing of your data is restricted until you lift the restriction."
					: "Processing of your data is restricted until " + restriction.until() + ".");
			return "redirect:/account/data";
		}
		catch (Rejected rejected) {
			response.setStatus(rejected.status().value());
			show(model, account);
			model.addAttribute("untilError", rejected.getMessage());
			model.addAttribute("until", until != null && until.length() <= 40 ? until : "");
			return "privacy/data";
		}
	}

	@PostMapping("/account/data/objection")
	String object(Authentication authentication, @RequestParam(required = false) String purpose,
			@RequestParam(required = false) String grounds, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		AccountId account = AccountId.from(authentication);
		try {
			Objections.Objection objection = objections.object(account, purpose, grounds);
			redirect.addFlashAttribute("notice", "Your objection to processing for " + objection.description()
					+ " is recorded. We answer by " + objection.dueOn() + "; its status is shown below.");
			return "redirect:/account/data#objection";
		}
		catch (Rejected rejected) {
			response.setStatus(rejected.status().value());
			show(model, account);
			model.addAttribute("objectionError", rejected.getMessage());
			model.addAttribute("objectionPurpose", purpose);
			model.addAttribute("grounds", grounds != null && grounds.length() <= Objections.MAX_GROUNDS ? grounds : "");
			return "privacy/data";
		}
	}

	@PostMapping("/account/data/restriction/lift")
	String lift(Authentication authentication, RedirectAttributes redirect) {
		boolean lifted = restrictions.lift(AccountId.from(authentication));
		redirect.addFlashAttribute("notice",
				lifted ? "The restriction is lifted: Pledge processes your data again." : "Nothing was restricted.");
		return "redirect:/account/data";
	}

	@GetMapping("/account/data/erasure")
	String erasurePage(Authentication authentication, Model model) {
		model.addAttribute("objections", erasure.objections(AccountId.from(authentication)));
		return "privacy/erasure";
	}

	@PostMapping("/account/data/erasure")
	String erase(Authentication authentication, @RequestParam(required = false) String password,
			@RequestParam(required = false) String code, @RequestParam(required = false) String confirm, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		AccountId account = AccountId.from(authentication);
		try {
			if (!"yes".equals(confirm)) {
				throw Rejected.badRequest("confirm", "Tick the box to confirm that you want your account erased for good.");
			}
			if (password == null || password.isEmpty() || password.length() > 4096) {
				throw Rejected.badRequest("password", "Enter your password.");
			}
			erasure.reauthenticate(account, password, code == null || code.length() > 64 ? "" : code);
			erasure.erase(account);
			ErasedRequests.mark(request);
		}
		catch (Rejected rejected) {
			if (rejected.status() == org.springframework.http.HttpStatus.NOT_FOUND) {
				// The account is gone: the same form, sent twice or from two tabs, erased it a moment ago. What this
				// request asked for is done; the erasure form with "no longer exists" would say otherwise.
				new SecurityContextLogoutHandler().logout(request, response, authentication);
				return "privacy/erased";
			}
			response.setStatus(rejected.status().value());
			model.addAttribute("objections", erasure.objections(account));
			model.addAttribute("field", rejected.field());
			model.addAttribute("error", rejected.getMessage());
			return "privacy/erasure";
		}
		catch (Erasure.Refused refused) {
			response.setStatus(409);
			model.addAttribute("objections", refused.objections());
			return "privacy/erasure";
		}
		new SecurityContextLogoutHandler().logout(request, response, authentication);
		return "privacy/erased";
	}
}
