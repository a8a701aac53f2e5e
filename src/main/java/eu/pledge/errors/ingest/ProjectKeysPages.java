package eu.pledge.errors.ingest;

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

/**
 * The administrators' page of error projects: each project with its keys, a form to create one, and buttons to
 * issue a further key and revoke one (rotation is both, in that order). A new DSN is shown once, right after it
 * is issued, as a flash attribute: it is never stored in clear.
 */
@Controller
class ProjectKeysPages {

	private final ProjectKeys keys;

	ProjectKeysPages(ProjectKeys keys) {
		this.keys = keys;
	}

	@GetMapping("/admin/error-projects")
	String list(Model model) {
		model.addAttribute("projects", keys.list());
		model.addAttribute("dsnTemplate", keys.dsn("<key>", 0).replaceAll("/0$", "/<project id>"));
		return "errors/projects";
	}

	@PostMapping("/admin/error-projects")
	String create(Authentication authentication, @RequestParam(required = false) String name,
			@RequestParam(required = false) String slug, RedirectAttributes redirect) {
		try {
			ProjectKeys.Issued issued = keys.create(AccountId.from(authentication), name, slug);
			issued(redirect, issued, "The project was created.");
		}
		catch (Rejected ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			redirect.addFlashAttribute("invalid", ex.field());
			redirect.addFlashAttribute("name", name);
			redirect.addFlashAttribute("slug", slug);
		}
		return "redirect:/admin/error-projects";
	}

	@PostMapping("/admin/error-projects/{id}/keys")
	String issue(Authentication authentication, @PathVariable long id, RedirectAttributes redirect) {
		try {
			issued(redirect, keys.addKey(AccountId.from(authentication), id), "A new key was issued.");
		}
		catch (Rejected ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/admin/error-projects";
	}

	@PostMapping("/admin/error-projects/{id}/keys/{keyId}/revocation")
	String revoke(Authentication authentication, @PathVariable long id, @PathVariable long keyId,
			RedirectAttributes redirect) {
		try {
			keys.revoke(AccountId.from(authentication), id, keyId);
			redirect.addFlashAttribute("notice", "The key was revoked; events sent with it are refused from now on.");
		}
		catch (Rejected ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/admin/error-projects";
	}

	private static void issued(RedirectAttributes redirect, ProjectKeys.Issued issued, String notice) {
		redirect.addFlashAttribute("notice", notice + " Copy the DSN now: Pledge keeps only a hash of its key.");
		redirect.addFlashAttribute("dsn", issued.dsn());
		redirect.addFlashAttribute("dsnProject", issued.projectId());
	}
}
