package eu.pledge.sso;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import eu.pledge.shared.AccountId;

/** A person's systems signed in through Pledge, and signing out of one. */
@RestController
class AppsApi {

	private final SignedInApps apps;

	AppsApi(SignedInApps apps) {
		this.apps = apps;
	}

	@GetMapping(path = "/api/v1/me/apps", produces = "application/json")
	Map<String, List<SignedInApps.App>> list(Authentication authentication) {
		return Map.of("apps", apps.of(AccountId.from(authentication)));
	}

	@DeleteMapping("/api/v1/me/apps/{system}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void signOut(Authentication authentication, @PathVariable String system) {
		apps.signOut(AccountId.from(authentication), system);
	}
}
