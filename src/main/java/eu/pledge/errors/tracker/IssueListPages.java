package eu.pledge.errors.tracker;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import eu.pledge.accounts.AccountDirectory;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Rejected;

/**
 * The issue list ({@code /admin/errors}): search and filters that live in the URL (so a page link, the browser's
 * back button and a bookmark keep them), page links, and one form to resolve, ignore, reopen or assign the
 * issues ticked.
 */
@Controller
class IssueListPages {

	/** The list's filters, in the order they appear in its URLs. */
	static final List<String> FILTERS = List.of("q", "project", "environment", "release", "status", "assignee", "sort");

	private final IssueSearch search;
	private final Issues issues;
	private final AccountDirectory directory;

	IssueListPages(IssueSearch search, Issues issues, AccountDirectory directory) {
		this.search = search;
		this.issues = issues;
		this.directory = directory;
	}

	@GetMapping("/admin/errors")
	String list(@RequestParam Map<String, String> params, Model model, Authentication authentication,
			HttpServletResponse response) {
		Map<String, String> filter = new LinkedHashMap<>();
		FILTERS.forEach(name -> {
			String value = params.get(name);
			if (value != null && !value.isBlank()) {
				filter.put(name, value);
			}
		});
		model.addAttribute("filter", filter);
		String changed = params.get("changed");
		String selected = params.get("selected");
		if (changed != null && selected != null && changed.matches("\\d{1,3}") && selected.matches("\\d{1,3}")) {
			int n = Integer.parseInt(selected);
			int already = n - Integer.parseInt(changed);
			model.addAttribute("notice", changed + " of " + n + (n == 1 ? " issue" : " issues") + " changed"
					+ (already > 0 ? "; " + already + " already " + (already == 1 ? "was" : "were") + " that way." : "."));
		}
		Map<Long, String> projects = search.projects();
		model.addAttribute("projects", projects);
		model.addAttribute("environments", search.environments());
		model.addAttribute("releases", search.releases());
		model.addAttribute("administrators", IssuePages.administrators(directory, authentication.getName()));
		try {
			IssueSearch.Found found = search.search(IssueSearch.Query.of(params), AccountId.from(authentication),
					IssueSearch.PAGE_SIZE);
			model.addAttribute("issues", found.issues());
			model.addAttribute("previous", found.page() > 1 ? link(filter, found.page() - 1) : null);
			model.addAttribute("next", found.more() ? link(filter, found.page() + 1) : null);
			model.addAttribute("page", found.page());
		}
		catch (Rejected ex) {
			response.setStatus(ex.status().value());
			model.addAttribute("error", ex.getMessage());
			model.addAttribute("invalid", ex.field());
			model.addAttribute("issues", List.of());
			model.addAttribute("page", 1);
		}
		return "errors/issues";
	}

	/**
	 * Resolves, ignores, reopens or assigns the ticked issues, then shows the same list again (its filters come
	 * back as hidden fields), saying in its URL how many changed: not in the session, which forty posts at once
	 * would each write. A refusal shows the list with what was wrong, and changes nothing.
	 */
	@PostMapping("/admin/errors/bulk")
	String bulk(@RequestParam MultiValueMap<String, String> params, Model model, Authentication authentication,
			HttpServletResponse response) {
		Map<String, String> filter = new LinkedHashMap<>();
		FILTERS.forEach(name -> {
			String value = params.getFirst(name);
			if (value != null && !value.isBlank() && value.length() <= 200) {
				filter.put(name, value);
			}
		});
		String page = params.getFirst("page");
		int onPage = page != null && page.matches("\\d{1,4}") ? Integer.parseInt(page) : 1;
		try {
			List<Long> ids = ids(params.get("ids"));
			Issues.Change change = change(params.getFirst("action"), params.getFirst("to"));
			Issues.BulkResult result = issues.bulk(ids, change, AccountId.from(authentication));
			String back = link(filter, onPage);
			return "redirect:" + back + (back.contains("?") ? "&" : "?") + "changed=" + result.changed() + "&selected="
					+ result.ids().size();
		}
		catch (Rejected ex) {
			if (ex.status().is5xxServerError()) {
				throw ex;
			}
			Map<String, String> again = new LinkedHashMap<>(filter);
			if (onPage > 1) {
				again.put("page", Integer.toString(onPage));
			}
			response.setStatus(ex.status().value());
			String view = list(again, model, authentication, response);
			model.addAttribute("error", ex.getMessage());
			model.addAttribute("invalid", ex.field());
			return view;
		}
	}

	private static List<Long> ids(List<String> values) {
		if (values == null || values.isEmpty()) {
			throw Rejected.badRequest("ids", "Select at least one issue.");
		}
		try {
			return values.stream().map(value -> Long.valueOf(value.trim())).toList();
		}
		catch (NumberFormatException ex) {
			throw Rejected.badRequest("ids", "Each selected issue must be an issue number.");
		}
	}

	/** The form's action: resolve, ignore (forever), reopen, or assign to {@code to} ("" unassigns). */
	static Issues.Change change(String action, String to) {
		return switch (action == null ? "" : action.trim()) {
			case "resolve" -> new Issues.Change("resolved", false, null, null, null);
			case "ignore" -> new Issues.Change("ignored", false, null, null, null);
			case "reopen" -> new Issues.Change("unresolved", false, null, null, null);
			case "assign" -> new Issues.Change(null, null, null, null, to == null ? "" : to);
			default -> throw Rejected.badRequest("action", "Choose what to do with the selected issues: resolve, ignore, reopen or assign.");
		};
	}

	/** The list's URL with these filters, on that page. */
	static String link(Map<String, String> filter, int page) {
		StringBuilder link = new StringBuilder("/admin/errors");
		Map<String, String> query = new LinkedHashMap<>(filter);
		if (page > 1) {
			query.put("page", Integer.toString(page));
		}
		query.forEach((name, value) -> link.append(link.indexOf("?") < 0 ? '?' : '&').append(name).append('=')
				.append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
		return link.toString();
	}
}
