package eu.pledge.audit;

import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.TimeZones;
import eu.pledge.shared.Rejected;

/** The audit trail for administrators ({@code /admin/audit}) and a person's own events ({@code /account/audit}). */
@Controller
class AuditPages {

	private static final java.util.Set<String> FILTERS = java.util.Set.of("actor", "who", "action", "targetType", "targetId",
			"outcome", "from", "to", "size");

	private final AuditSearch search;
	private final TimeZones zones;
	private final ActorNames actors;

	AuditPages(AuditSearch search, org.springframework.beans.factory.ObjectProvider<TimeZones> zones, ActorNames actors) {
		this.actors = actors;
		this.search = search;
		this.zones = TimeZones.orUtc(zones);
	}

	/** One line of a person's own activity, in their words and time zone. */
	record Row(String iso, String when, String what, String who, String outcome) {
		@Override
		public String toString() {
			return "Row[" + iso + ", " + what + "]"; // who is a name and an email
		}
	}

	@GetMapping("/admin/audit")
	String admin(@RequestParam Map<String, String> params, Model model, HttpServletResponse response) {
		Map<String, String> filter = new java.util.LinkedHashMap<>(params);
		String who = filter.get("who");
		if (who != null && !who.isBlank() && (filter.get("actor") == null || filter.get("actor").isBlank())) {
			// an email or a name typed: one account found is the actor; several are offered to pick from
			try {
				java.util.List<eu.pledge.accounts.AccountSummary> found = actors.find(who);
				if (found.size() == 1) {
					filter.put("actor", found.get(0).id().toString());
				}
				else {
					model.addAttribute("candidates", found.stream().map(summary -> new Candidate(
							summary.id().toString(), summary.label())).toList());
					model.addAttribute("filter", filter);
					model.addAttribute("page", new AuditSearch.Page(java.util.List.of(), null));
					model.addAttribute("actorNames", Map.of());
					return "audit/admin";
				}
			}
			catch (Rejected ex) {
				response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
				model.addAttribute("error", ex.getMessage());
				model.addAttribute("invalid", ex.field());
				model.addAttribute("filter", filter);
				model.addAttribute("page", new AuditSearch.Page(java.util.List.of(), null));
				model.addAttribute("actorNames", Map.of());
				return "audit/admin";
			}
		}
		show(model, filter, null, response, "/admin/audit");
		model.addAttribute("actorNames", actors.of(((AuditSearch.Page) model.getAttribute("page")).items()));
		return "audit/admin";
	}

	/** An account a typed email or name found, to pick as the actor. */
	record Candidate(String id, String label) {
		@Override
		public String toString() {
			return "Candidate[" + id + "]";
		}
	}

	@GetMapping("/account/audit")
	String mine(Authentication authentication, @RequestParam Map<String, String> params, Model model,
			HttpServletResponse response) {
		AccountId me = AccountId.from(authentication);
		show(model, params, me, response, "/account/audit");
		java.time.ZoneId zone = zones.of(me);
		AuditSearch.Page page = (AuditSearch.Page) model.getAttribute("page");
		model.addAttribute("zone", zone.getId().equals("Z") ? "UTC" : zone.getId());
		model.addAttribute("rows", page.items().stream().map(entry -> new Row(entry.occurredAt().toString(),
				TimeZones.TO_THE_SECOND.format(entry.occurredAt().atZone(zone)), Wording.sentence(entry),
				Wording.who(entry), Wording.outcome(entry))).toList());
		return "audit/mine";
	}

	private void show(Model model, Map<String, String> params, AccountId me, HttpServletResponse response,
			String path) {
		model.addAttribute("filter", params);
		try {
			AuditCriteria filter = AuditCriteria.parse(me == null ? params.get("actor") : null, params.get("action"),
					me == null ? params.get("targetType") : null, me == null ? params.get("targetId") : null,
					params.get("outcome"), params.get("from"), params.get("to"), params.get("cursor"), params.get("size"));
			AuditSearch.Page page = search.search(me == null ? filter : filter.involving(me));
			model.addAttribute("page", page);
			if (page.next() != null) {
				model.addAttribute("nextLink", nextLink(path, params, page.next()));
			}
		}
		catch (Rejected ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("error", ex.getMessage());
			model.addAttribute("invalid", ex.field());
			model.addAttribute("page", new AuditSearch.Page(java.util.List.of(), null));
		}
	}

	/** The same filters, with the next page's cursor. */
	private static String nextLink(String path, Map<String, String> params, String cursor) {
		UriComponentsBuilder link = UriComponentsBuilder.fromPath(path);
		params.forEach((name, value) -> {
			if (FILTERS.contains(name) && value != null && !value.isBlank()) {
				link.queryParam(name, value);
			}
		});
		return link.queryParam("cursor", cursor).encode().build().toUriString();
	}
}
