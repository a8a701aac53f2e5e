package eu.pledge.privacy.rights;

import java.time.Clock;
import java.util.ArrayList;
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
import tools.jackson.databind.JsonNode;
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

	DataPages(PersonalData data, Erasure erasure, Restrictions restrictions, ApplicationEventPublisher events,
			Clock clock, JsonMapper json, Objections objections) {
		this.json = json;
		this.objections = objections;
		this.data = data;
		this.erasure = erasure;
		this.restrictions = restrictions;
		this.events = events;
		this.clock = clock;
	}

	/** Where each category's data can be seen in full or corrected. */
	private static final Map<String, List<Link>> CORRECTION = Map.of(
			"identity", List.of(new Link("/account", "Correct your name and postal address"),
					new Link("/account/email", "Change your email address")),
			"credentials", List.of(new Link("/account/security", "Change your password or second factor")),
			"preferences", List.of(new Link("/account/preferences", "Change your preferences")),
			"sessions", List.of(new Link("/account/sessions", "End sessions")),
			"memberships", List.of(new Link("/account/access", "See your access")),
			"audit-events", List.of(new Link("/account/audit", "Search your activity")));

	record Link(String href, String label) {
	}

	record Field(String name, String value) {
	}

	record ItemView(String kind, String deletion, List<Field> fields) {
	}

	record CategoryView(String name, String title, String description, List<String> purposes, String legalBasis,
			String readers, String retention, List<ItemView> items, List<Link> links) {
	}

	@GetMapping("/account/data")
	String page(Authentication authentication, Model model) {
		AccountId account = AccountId.from(authentication);
		show(model, account);
		events.publishEvent(new PersonalDataViewed(account, clock.instant()));
		return "privacy/data";
	}

	private void show(Model model, AccountId account) {
		DataReport report = data.of(account);
		model.addAttribute("report", report);
		model.addAttribute("categories", report.categories().stream().map(this::view).toList());
		model.addAttribute("objections", objections.of(account));
	}

	private CategoryView view(DataReport.CategoryData category) {
		return new CategoryView(category.name(), category.title(), category.description(), category.purposes(),
				category.legalBasis(), category.readers(), category.retention(),
				category.items().stream().map(item -> new ItemView(item.kind(), item.deletion(), fields(item.data())))
						.toList(),
				CORRECTION.getOrDefault(category.name(), List.of()));
	}

	/** The item's fields as text: nested values as compact JSON. */
	private List<Field> fields(Object item) {
		JsonNode node = json.valueToTree(item);
		if (!node.isObject()) {
			return List.of(new Field("value", node.isString() ? node.asString() : node.toString()));
		}
		List<Field> fields = new ArrayList<>();
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			JsonNode value = entry.getValue();
			if (!value.isNull()) {
				fields.add(new Field(entry.getKey(), value.isValueNode() ? value.asString() : value.toString()));
			}
		}
		return fields;
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
