package eu.pledge.errors.tracker;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.http.HttpStatus;

import eu.pledge.shared.AccountId;

/** The error tracker's JSON API for engineers; {@code /api/v1/admin/**} is for platform administrators only. */
@RestController
@RequestMapping(path = "/api/v1/admin/issues", produces = "application/json")
class IssuesApi {

	private final Issues issues;

	IssuesApi(Issues issues) {
		this.issues = issues;
	}

	record CommentRequest(String body) {

		@Override
		public String toString() {
			return "CommentRequest[redacted]"; // an engineer's free text may quote anything
		}
	}

	record MergeRequest(Long into) {
	}

	/** @param status all, unresolved (the default, with regressed), resolved, regressed, ignored or merged */
	@GetMapping
	List<Issue> list(@RequestParam(required = false) String status, @RequestParam(required = false) String project,
			@RequestParam(required = false) String sort) {
		return issues.list(status, project, sort);
	}

	@GetMapping("/{id}")
	Issues.Detail detail(@PathVariable long id) {
		return issues.detail(id);
	}

	@PatchMapping("/{id}")
	Issue change(@PathVariable long id, @RequestBody Issues.Change change, Authentication authentication) {
		return issues.change(id, change, AccountId.from(authentication));
	}

	@PostMapping("/{id}/comments")
	@ResponseStatus(HttpStatus.CREATED)
	Issues.Detail comment(@PathVariable long id, @RequestBody CommentRequest request, Authentication authentication) {
		issues.comment(id, request.body(), AccountId.from(authentication));
		return issues.detail(id);
	}

	@PostMapping("/{id}/merge")
	Issue merge(@PathVariable long id, @RequestBody MergeRequest request, Authentication authentication) {
		return issues.merge(id, request.into(), AccountId.from(authentication));
	}
}
