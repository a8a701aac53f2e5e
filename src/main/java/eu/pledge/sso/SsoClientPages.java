package eu.pledge.sso;

import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import eu.pledge.shared.Rejected;

/**
 * The platform administrators' page of a system's OAuth clients: list, register, edit, rotate the secret, delete.
 * A new secret is shown once, on the answer to the request that made it (never put in the session as a flash
 * attribute: Pledge keeps only its digest). A refused field is shown beside the field, with what was typed.
 */
@Controller
class SsoClientPages {

	private final SsoClients clients;

	SsoClientPages(SsoClients clients) {
		this.clients = clients;
	}

	/** What the form sends: the URI lists one per line. */
	record ClientForm(String name, String type, String redirectUris, String postLogoutRedirectUris,
			String backchannelLogoutUri, String subject, List<String> scopes) {

		static ClientForm blank() {
			return new ClientForm("", "confidential", "", "", "", "pairwise", List.copyOf(SsoClients.SCOPES));
		}

		static ClientForm of(SsoClients.ClientView client) {
			return new ClientForm(client.name(), client.type(), String.join("\n", client.redirectUris()),
					String.join("\n", client.postLogoutRedirectUris()),
					client.backchannelLogoutUri() == null ? "" : client.backchannelLogoutUri(), client.subject(),
					client.scopes());
		}

		SsoClients.ClientRequest request(boolean withType) {
			return new SsoClients.ClientRequest(name == null ? "" : name, withType ? type : null, lines(redirectUris),
					lines(postLogoutRedirectUris), backchannelLogoutUri == null ? "" : backchannelLogoutUri.strip(),
					subject, scopes == null ? List.of("openid") : scopes, null, null, null);
		}

		private static List<String> lines(String text) {
			return text == null ? List.of()
					: Arrays.stream(text.split("\\R")).map(String::strip).filter(line -> !line.isEmpty()).toList();
		}
	}

	@GetMapping("/admin/systems/{system}/clients")
	String list(@PathVariable String system, Model model) {
		return listPage(system, ClientForm.blank(), model);
	}

	@PostMapping("/admin/systems/{system}/clients")
	String register(@PathVariable String system, @ModelAttribute("form") ClientForm form, Model model,
			HttpServletResponse response) {
		try {
			SsoClients.ClientView created = clients.register(system, form.request(true));
			return secretPage(created, false, model);
		}
		catch (Rejected ex) {
			refused(ex, model, response);
			return listPage(system, form, model);
		}
	}

	@GetMapping("/admin/systems/{system}/clients/{clientId}")
	String edit(@PathVariable String system, @PathVariable String clientId, Model model) {
		SsoClients.ClientView client = clients.get(system, clientId);
		return editPage(client, ClientForm.of(client), model);
	}

	@PostMapping("/admin/systems/{system}/clients/{clientId}")
	String update(@PathVariable String system, @PathVariable String clientId, @ModelAttribute("form") ClientForm form,
			Model model, HttpServletResponse response, RedirectAttributes redirect) {
		SsoClients.ClientView client = clients.get(system, clientId);
		try {
			clients.update(system, clientId, form.request(false));
			redirect.addFlashAttribute("notice", "The client " + client.clientId() + " was saved.");
			return "redirect:/admin/systems/" + system + "/clients";
		}
		catch (Rejected ex) {
			refused(ex, model, response);
			return editPage(client, form, model);
		}
	}

	@PostMapping("/admin/systems/{system}/clients/{clientId}/secret")
	String rotate(@PathVariable String system, @PathVariable String clientId, Model model,
			HttpServletResponse response) {
		SsoClients.ClientView client = clients.get(system, clientId);
		try {
			return secretPage(clients.update(system, clientId, secrets(true, false)), true, model);
		}
		catch (Rejected ex) {
			refused(ex, model, response);
			return editPage(client, ClientForm.of(client), model);
		}
	}

	/** The secrets before the current one stop working now (one of them leaked, or the switch-over is done). */
	@PostMapping("/admin/systems/{system}/clients/{clientId}/previous-secrets/end")
	String endPreviousSecrets(@PathVariable String system, @PathVariable String clientId,
			RedirectAttributes redirect) {
		clients.update(system, clientId, secrets(false, true));
		redirect.addFlashAttribute("notice", "Only the current secret of " + clientId + " works now.");
		return "redirect:/admin/systems/" + system + "/clients/" + clientId;
	}

	private static SsoClients.ClientRequest secrets(boolean rotate, boolean endPrevious) {
		return new SsoClients.ClientRequest(null, null, null, null, null, null, null, rotate, endPrevious, null);
	}

	@GetMapping("/admin/systems/{system}/clients/{clientId}/deletion")
	String confirmDeletion(@PathVariable String system, @PathVariable String clientId, Model model) {
		model.addAttribute("client", clients.get(system, clientId));
		return "sso/client-deletion";
	}

	@PostMapping("/admin/systems/{system}/clients/{clientId}/deletion")
	String delete(@PathVariable String system, @PathVariable String clientId, RedirectAttributes redirect) {
		clients.delete(system, clientId);
		redirect.addFlashAttribute("notice", "The client " + clientId + " was deleted; its tokens no longer work.");
		return "redirect:/admin/systems/" + system + "/clients";
	}

	private String listPage(String system, ClientForm form, Model model) {
		model.addAttribute("system", system);
		model.addAttribute("clients", clients.list(system));
		model.addAttribute("form", form);
		model.addAttribute("allScopes", new java.util.TreeSet<>(SsoClients.SCOPES));
		return "sso/clients";
	}

	private String editPage(SsoClients.ClientView client, ClientForm form, Model model) {
		model.addAttribute("system", client.system());
		model.addAttribute("client", client);
		model.addAttribute("form", form);
		model.addAttribute("allScopes", new java.util.TreeSet<>(SsoClients.SCOPES));
		return "sso/client";
	}

	private static String secretPage(SsoClients.ClientView client, boolean rotated, Model model) {
		model.addAttribute("system", client.system());
		model.addAttribute("client", client);
		model.addAttribute("rotated", rotated);
		return "sso/client-secret";
	}

	/** A refusal the form can show beside its field; what no form can show goes to the refusal page. */
	private static void refused(Rejected ex, Model model, HttpServletResponse response) {
		if (ex.status() != HttpStatus.BAD_REQUEST && ex.status() != HttpStatus.CONFLICT) {
			throw ex;
		}
		model.addAttribute("error", ex.getMessage());
		model.addAttribute("invalid", ex.field());
		response.setStatus(ex.status().value());
	}
}
