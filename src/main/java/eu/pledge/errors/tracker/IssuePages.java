package eu.pledge.errors.tracker;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import eu.pledge.accounts.AccountDirectory;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Rejected;

/** The engineers' pages: one issue with its actions (the list is {@link IssueListPages}). */
@Controller
class IssuePages {

	private final Issues issues;
	private final IssueSearch search;
	private final AccountDirectory directory;
	private final AccountNames names;

	IssuePages(Issues issues, IssueSearch search, AccountDirectory directory, AccountNames names) {
		this.issues = issues;
		this.search = search;
		this.directory = directory;
		this.names = names;
	}

	/** One administrator to pick: "you" for oneself, else the name and email. */
	record Person(String id, String label) {
		@Override
		public String toString() {
			return "Person[id=" + id + "]"; // the label is a name and an email
		}
	}

	/** The administrators to pick from ("you" for oneself), for the assignee pickers of both pages. */
	static List<Person> administrators(AccountDirectory directory, String me) {
		return directory.administrators().stream().map(admin -> new Person(admin.id().toString(),
				admin.id().toString().equals(me) ? "you" : admin.label())).toList();
	}

	/**
	 * The issue and what its page shows by name rather than by id: the project, the account of the latest event,
	 * the assignee and the engineers in comments and history; the administrators and the other open issues to
	 * pick from (assignee, merge target).
	 */
	private void detail(long id, Model model, Authentication authentication) {
		Issues.Detail detail = issues.detail(id);
		model.addAttribute("detail", detail);
		String me = authentication.getName();
		List<Person> administrators = administrators(directory, me);
		model.addAttribute("administrators", administrators);
		Issue issue = detail.issue();
		Set<String> people = new HashSet<>();
		people.add(issue.assignee());
		detail.history().forEach(entry -> {
			people.add(entry.actor());
			if (entry.action().equals("assigned")) {
				people.add(entry.detail()); // the assignee's id
			}
		});
		detail.comments().forEach(comment -> people.add(comment.author()));
		Map<String, AccountNames.Shown> shown = names.of(people, me);
		model.addAttribute("people", shown);
		model.addAttribute("assigneeName", issue.assignee() == null ? "nobody" : shown.get(issue.assignee()).label());
		if (!detail.events().isEmpty() && detail.events().get(0).accountId() != null) {
			model.addAttribute("account", names.of(detail.events().get(0).accountId(), me, issue.projectId(),
					detail.project()));
		}
		model.addAttribute("environments", detail.tags().stream().filter(tag -> tag.key().equals("environment"))
				.flatMap(tag -> tag.top().stream()).map(IssueStats.TagValue::value).toList());
		model.addAttribute("firstRelease", detail.releases().isEmpty() ? null : detail.releases().get(0));
		model.addAttribute("mergeTargets", search.open(101).stream().filter(other -> other.id() != id)
				.filter(other -> other.projectId() == issue.projectId()).limit(100).toList());
	}

	@GetMapping("/admin/errors/{id}")
	String issue(@PathVariable long id, Model model, Authentication authentication) {
		detail(id, model, authentication);
		return "errors/issue";
	}

	@PostMapping("/admin/errors/{id}/status")
	String status(@PathVariable long id, @RequestParam String status,
			@RequestParam(required = false) String inNextRelease, @RequestParam(required = false) String ignoreCount,
			@RequestParam(required = false) String ignoreUntil, Authentication authentication, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		return act(id, model, authentication, redirect, response, "Status changed.", () -> issues.change(id,
				new Issues.Change(status, inNextRelease != null, count(ignoreCount), ignoreUntil, null),
				AccountId.from(authentication)));
	}

	/** The "ignore for N more events" field: empty is none, anything else a whole number. */
	static Long count(String ignoreCount) {
		if (ignoreCount == null || ignoreCount.isBlank()) {
			return null;
		}
		try {
			return Long.parseLong(ignoreCount.trim());
		}
		catch (NumberFormatException ex) {
			throw Rejected.badRequest("ignoreCount", "The number of events must be a whole number.");
		}
	}

	@PostMapping("/admin/errors/{id}/assignee")
	String assign(@PathVariable long id, @RequestParam(defaultValue = "") String assignee,
			Authentication authentication, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		return act(id, model, authentication, redirect, response, "Assignment changed.", () -> issues.change(id,
				new Issues.Change(null, null, null, null, assignee), AccountId.from(authentication)));
	}

	@PostMapping("/admin/errors/{id}/comments")
	String comment(@PathVariable long id, @RequestParam(defaultValue = "") String body, Authentication authentication,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		return act(id, model, authentication, redirect, response, "Comment added.",
				() -> issues.comment(id, body, AccountId.from(authentication)));
	}

	@PostMapping("/admin/errors/{id}/merge")
	String merge(@PathVariable long id, @RequestParam(defaultValue = "") String into, Authentication authentication,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		Long target;
		try {
			target = into.isBlank() ? null : Long.valueOf(into.trim().replaceFirst("^#", ""));
		}
		catch (NumberFormatException ex) {
			target = null;
		}
		Long chosen = target;
		String done = act(id, model, authentication, redirect, response, "Merged.",
				() -> issues.merge(id, chosen, AccountId.from(authentication)));
		return done.startsWith("redirect:") && chosen != null ? "redirect:/admin/errors/" + chosen : done;
	}

	/** Does it and redirects to the issue, or redisplays the issue with the refusal and its field marked. */
	private String act(long id, Model model, Authentication authentication, RedirectAttributes redirect,
			HttpServletResponse response, String notice, Runnable action) {
		try {
			action.run();
		}
		catch (Rejected ex) {
			if (ex.status().value() == 404) {
				throw ex;
			}
			response.setStatus(ex.status().value());
			model.addAttribute("error", ex.getMessage());
			model.addAttribute("invalid", ex.field());
			detail(id, model, authentication);
			return "errors/issue";
		}
		redirect.addFlashAttribute("notice", notice);
		return "redirect:/admin/errors/" + id;
	}
}
