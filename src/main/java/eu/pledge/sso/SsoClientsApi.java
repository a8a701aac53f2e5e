package eu.pledge.sso;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Platform administrators register the OAuth clients of each system. */
@RestController
@RequestMapping(path = "/api/v1/admin/systems/{system}/clients", produces = "application/json")
class SsoClientsApi {

	private final SsoClients clients;

	SsoClientsApi(SsoClients clients) {
		this.clients = clients;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	SsoClients.ClientView register(@PathVariable String system, @RequestBody SsoClients.ClientRequest request) {
		return clients.register(system, request);
	}

	@GetMapping
	List<SsoClients.ClientView> list(@PathVariable String system) {
		return clients.list(system);
	}

	@GetMapping("/{clientId}")
	SsoClients.ClientView get(@PathVariable String system, @PathVariable String clientId) {
		return clients.get(system, clientId);
	}

	@PatchMapping("/{clientId}")
	SsoClients.ClientView update(@PathVariable String system, @PathVariable String clientId,
			@RequestBody SsoClients.ClientRequest request) {
		return clients.update(system, clientId, request);
	}

	@DeleteMapping("/{clientId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable String system, @PathVariable String clientId) {
		clients.delete(system, clientId);
	}
}
