package eu.pledge.access;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

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

/** The platform administrators' console: organisations, their contracts and members; links to each system's sign-in clients. */
@Controller
class AdminConsolePages {

	private final Organizations organizations;
	private final Memberships memberships;
	private final SystemCatalogue catalogue;

	AdminConsolePages(Organizations organizations, Memberships memberships, SystemCatalogue catalogue) {
		this.organizations = organizations;
		this.memberships = memberships;
		this.catalogue = catalogue;
	}

	@GetMapping("/admin/organizations")
	String list(Authentication authentication, Model model) {
		model.addAttribute("organizations", organizations.list(AccountId.from(authentication)));
		model.addAttribute("systems", catalogue.systems().keySet());
		return "access/admin-organizations";
	}

	@PostMapping("/admin/organizations")
	String create(Authentication authentication, @RequestParam(required = false) String name, RedirectAttributes redirect) {
		try {
			Organization created = organizations.create(AccountId.from(authentication), name);
			redirect.addFlashAttribute("notice", "The organisation was created.");
			return "redirect:/admin/organizations/" + created.id();
		}
		catch (Rejected ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			redirect.addFlashAttribute("invalid", ex.field());
			return "redirect:/admin/organizations";
		}
	}

	@GetMapping("/admin/organizations/{id}")
	String details(Authentication authentication, @PathVariable String id, Model model) {
		AccountId me = AccountId.from(authentication);
		Organization organization = organizations.find(me, id);
		model.addAttribute("organization", organization);
		model.addAttribute("contracts", organizations.contracts(me, id));
		model.addAttribute("members", memberships.members(me, id));
		model.addAttribute("seats", memberships.seats(organization.id()));
		model.addAttribute("catalogue", catalogue.systems());
		model.addAttribute("statuses", Organization.Status.values());
		model.addAttribute("contractStatuses", Contract.Status.values());
		model.addAttribute("roles", Role.values());
		model.addAttribute("invitations", memberships.pendingInvitations(me, id));
		return "access/admin-organization";
	}

	@PostMapping("/admin/organizations/{id}")
	String update(Authentication authentication, @PathVariable String id, @RequestParam(required = false) String name,
			@RequestParam(required = false) String status, RedirectAttributes redirect) {
		return act(redirect, id, typed("name", name), "The organisation was saved.", () -> organizations.update(AccountId.from(authentication),
				id, name, Choices.parse(Organization.Status.class, "status", status)));
	}

	@PostMapping("/admin/organizations/{id}/contracts")
	String addContract(Authentication authentication, @PathVariable String id, @RequestParam Map<String, String> form,
			RedirectAttributes redirect) {
		return act(redirect, id, form, "The contract was added.", () -> organizations.addContract(AccountId.from(authentication),
				id, new ContractTerms(Contract.Status.ACTIVE, day("startsAt", form.get("startsAt")),
						day("endsAt", form.get("endsAt")), seats(form.get("seats")), systems(form))));
	}

	@PostMapping("/admin/contracts/{id}")
	String updateContract(Authentication authentication, @PathVariable String id,
			@RequestParam String organization, @RequestParam(required = false) String status,
			@RequestParam(required = false) String seats, @RequestParam(required = false) String endsAt,
			RedirectAttributes redirect) {
		return act(redirect, organization, Map.of(), "The contract was saved.", () -> organizations.updateContract(
				AccountId.from(authentication), id, new ContractTerms(Choices.parse(Contract.Status.class, "status", status),
						null, endsAt == null || endsAt.isBlank() ? null : day("endsAt", endsAt),
						seats == null || seats.isBlank() ? null : seats(seats), null)));
	}

	/** A form's typed values, shown again after an error (these forms have no password). */
	private static Map<String, String> typed(String field, String value) {
		return value == null ? Map.of() : Map.of(field, value);
	}

	private String act(RedirectAttributes redirect, String organization, Map<String, String> typed, String notice,
			Runnable action) {
		try {
			action.run();
			redirect.addFlashAttribute("notice", notice);
		}
		catch (Rejected ex) {
			if (ex.status().value() == 404) {
				throw ex;
			}
			redirect.addFlashAttribute("error", ex.getMessage());
			redirect.addFlashAttribute("invalid", ex.field());
			Map<String, String> kept = new java.util.HashMap<>(typed);
			kept.remove("_csrf");
			redirect.addFlashAttribute("typed", kept);
		}
		return "redirect:/admin/organizations/" + Access.uuid(organization);
	}

	/** The form's systems: a select per system named {@code system.<name>}, empty for "not covered". */
	private Map<String, String> systems(Map<String, String> form) {
		Map<String, String> systems = new LinkedHashMap<>();
		form.forEach((key, value) -> {
			if (key.startsWith("system.") && value != null && !value.isBlank()) {
				systems.put(key.substring("system.".length()), value);
			}
		});
		return systems;
	}

	private static Instant day(String field, String value) {
		try {
			return LocalDate.parse(value == null ? "" : value.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw Rejected.badRequest(field, "Enter a date like 2026-01-31.");
		}
	}

	private static Integer seats(String value) {
		try {
			return Integer.valueOf(value == null ? "" : value.strip());
		}
		catch (NumberFormatException ex) {
			throw Rejected.badRequest("seats", "Enter the number of seats as a whole number.");
		}
	}
}
