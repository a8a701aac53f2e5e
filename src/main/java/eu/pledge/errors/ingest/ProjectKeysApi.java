package eu.pledge.errors.ingest;

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

/**
 * The administrators' JSON API for error projects and their DSN keys. A DSN (with its secret key) is in the
 * answer only when a key is issued; the list shows each key's first characters.
 */
@RestController
@RequestMapping(path = "/api/v1/admin/error-projects", produces = "application/json")
class ProjectKeysApi {

	private final ProjectKeys keys;

	ProjectKeysApi(ProjectKeys keys) {
		this.keys = keys;
	}

	record NewProject(String name, String slug) {
	}

	record Created(ProjectKeys.Project project, ProjectKeys.Key key, String dsn) {

		@Override
		public String toString() {
			return "Created[project=" + project.id() + "]";
		}
	}

	record IssuedKey(long projectId, ProjectKeys.Key key, String dsn) {

		@Override
		public String toString() {
			return "IssuedKey[projectId=" + projectId + "]";
		}
	}

	@GetMapping
	List<ProjectKeys.Project> list() {
		return keys.list();
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Created create(Authentication authentication, @RequestBody NewProject project) {
		ProjectKeys.Issued issued = keys.create(AccountId.from(authentication), project.name(), project.slug());
		ProjectKeys.Project created = keys.list().stream().filter(p -> p.id() == issued.projectId()).findFirst()
				.orElseThrow();
		return new Created(created, issued.key(), issued.dsn());
	}

	@PostMapping("/{id}/keys")
	@ResponseStatus(HttpStatus.CREATED)
	IssuedKey issue(Authentication authentication, @PathVariable long id) {
		ProjectKeys.Issued issued = keys.addKey(AccountId.from(authentication), id);
		return new IssuedKey(issued.projectId(), issued.key(), issued.dsn());
	}

	@DeleteMapping("/{id}/keys/{keyId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revoke(Authentication authentication, @PathVariable long id, @PathVariable long keyId) {
		keys.revoke(AccountId.from(authentication), id, keyId);
	}
}
