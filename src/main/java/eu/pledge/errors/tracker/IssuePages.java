package eu.pledge.errors.tracker;

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

/** The engineers' pages: the issue list ({@code /admin/errors}) and one issue with its actions. */
@Controller
class IssuePages {

	private final Issues issues;
	private final eu.pledge.accounts.AccountDirectory directory;

	IssuePages(Issues issues, eu.pledge.accounts.AccountDirectory directory) {
		this.issues = issues;
		this.directory = directory;
	}

	/** One administrator to pick: "you" for oneself, else the name and email. */
	record Person(String id, String label) {
	}

	/**
	 * The issue and what its forms offer to pick instead of typing an id: the administrators (assignee, shown by
	 * name) and the other open issues (merge target).
	 */
	private void detail(long id, Model model) {
		Issues.Detail detail = issues.detail(id);
		model.addAttribute("detail", detail);
		String me = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication().getName();
		java.util.List<Person> administrators = directory.administrators().stream()
				.map(admin -> new Person(admin.id().toString(), admin.id().toString().equals(me) ? "you"
						: admin.name() + " (" + admin.email() + ")"))
				.toList();
		model.addAttribute("administrators", administrators);
		String assignee = detail.issue().assignee();
		model.addAttribute("assigneeName", assignee == null ? "nobody" : administrators.stream()
				.filter(person -> person.id().equals(assignee)).map(Person::label).findFirst()
				.orElse("an account that is no longer an administrator"));
		model.addAttribute("mergeTargets", issues.list("unresolved", null, null).stream()
				.filter(other -> other.id() != id).limit(100).toList());
	}

	@GetMapping("/admin/errors")
	String list(@RequestParam Map<String, String> params, Model model, HttpServletResponse response) {
		model.addAttribute("filter", params);
		try {
			model.addAttribute("issues", issues.list(params.get("status"), params.get("project"), params.get("sort")));
		}
		catch (Rejected ex) {
			response.setStatus(ex.status().value());
			model.addAttribute("error", ex.getMessage());
			model.addAttribute("invalid", ex.field());
			model.addAttribute("issues", java.util.List.of());
		}
		return "errors/issues";
	}

	@GetMapping("/admin/errors/{id}")
	String issue(@PathVariable long id, Model model) {
		detail(id, model);
		return "errors/issue";
	}

	@PostMapping("/admin/errors/{id}/status")
	String status(@PathVariable long id, @RequestParam String status,
			@RequestParam(required = false) String inNextRelease, @RequestParam(required = false) String ignoreCount,
			@RequestParam(required = false) String ignoreUntil, Authentication authentication, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		return act(id, model, redirect, response, "Status changed.", () -> {
			Long count = null;
			if (ignoreCount != null && !ignoreCount.isBlank()) {
				try {
					count = Long.parseLong(ignoreCount.trim());
				}
				catch (NumberFormatException ex) {
					throw Rejected.badRequest("ignoreCount", "The number of events must be a whole number.");
				}
			}
			issues.change(id, new Issues.Change(status, inNextRelease != null, count, ignoreUntil, null),
					AccountId.from(authentication));
		});
	}

	@PostMapping("/admin/errors/{id}/assignee")
	String assign(@PathVariable long id, @RequestParam(defaultValue = "") String assignee,
			Authentication authentication, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		return act(id, model, redirect, response, "Assignment changed.", () -> issues.change(id,
				new Issues.Change(null, null, null, null, assignee), AccountId.from(authentication)));
	}

	@PostMapping("/admin/errors/{id}/comments")
	String comment(@PathVariable long id, @RequestParam(defaultValue = "") String body, Authentication authentication,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		return act(id, model, redirect, response, "Comment added.",
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
		String done = act(id, model, redirect, response, "Merged.",
				() -> issues.merge(id, chosen, AccountId.from(authentication)));
		return done.startsWith("redirect:") && chosen != null ? "redirect:/admin/errors/" + chosen : done;
	}

	/** Does it and redirects to the issue, or redisplays the issue with the refusal and its field marked. */
	private String act(long id, Model model, RedirectAttributes redirect, HttpServletResponse response, String notice,
			Runnable action) {
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
			detail(id, model);
			return "errors/issue";
		}
		redirect.addFlashAttribute("notice", notice);
		return "redirect:/admin/errors/" + id;
	}
}
