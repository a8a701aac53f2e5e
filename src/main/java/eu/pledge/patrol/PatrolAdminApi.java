package eu.pledge.patrol;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import eu.pledge.shared.AccountId;

/** The administrators' JSON API for Secure Patrol: the CrowdSec bouncers that read its decisions. */
@RestController
@RequestMapping(path = "/api/v1/admin/patrol", produces = "application/json")
class PatrolAdminApi {

	private final Bouncers bouncers;

	PatrolAdminApi(Bouncers bouncers) {
		this.bouncers = bouncers;
	}

	record NewBouncer(String name) {
	}

	@GetMapping("/bouncers")
	List<Bouncers.Bouncer> bouncers() {
		return bouncers.list();
	}

	/** The answer holds the key: the only time it is shown. */
	@PostMapping("/bouncers")
	@ResponseStatus(HttpStatus.CREATED)
	Bouncers.Registered register(Authentication authentication, @RequestBody NewBouncer bouncer) {
		return bouncers.register(AccountId.from(authentication), bouncer.name());
	}

	@DeleteMapping("/bouncers/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revoke(Authentication authentication, @PathVariable long id) {
		bouncers.revoke(AccountId.from(authentication), id);
	}
}
