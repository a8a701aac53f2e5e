package eu.pledge.errors.tracker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

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
import eu.pledge.shared.Rejected;

/** The error tracker's JSON API for engineers; {@code /api/v1/admin/**} is for platform administrators only. */
@RestController
@RequestMapping(path = "/api/v1/admin/issues", produces = "application/json")
class IssuesApi {

	static final int PAGE = 500;

	private final Issues issues;
	private final IssueSearch search;

	IssuesApi(Issues issues, IssueSearch search) {
		this.issues = issues;
		this.search = search;
	}

	/** The same change to many issues: {@code ids} and what {@link Issues.Change} holds. */
	record BulkRequest(List<Long> ids, String status, Boolean inNextRelease, Long ignoreCount, String ignoreUntil,
			String assignee) {
	}

	record CommentRequest(String body) {

		@Override
		public String toString() {
			return "CommentRequest[redacted]"; // an engineer's free text may quote anything
		}
	}

	record MergeRequest(Long into) {
	}

	/**
	 * The issues the filters match ({@code status}: all, unresolved — the default, with regressed —, resolved,
	 * regressed, ignored or merged; {@code project}, {@code q}, {@code environment}, {@code release},
	 * {@code assignee}: me, nobody or an id; {@code sort}), {@value #PAGE} a page; a {@code Link} header names the
	 * next page when there is one.
	 */
	@GetMapping
	List<Issue> list(@RequestParam Map<String, String> params, Authentication authentication,
			HttpServletResponse response) {
		IssueSearch.Found found = search.search(IssueSearch.Query.of(params), AccountId.from(authentication), PAGE);
		if (found.more()) {
			Map<String, String> filter = new LinkedHashMap<>();
			IssueListPages.FILTERS.forEach(name -> {
				if (params.get(name) != null && !params.get(name).isBlank()) {
					filter.put(name, params.get(name));
				}
			});
			String next = IssueListPages.link(filter, found.page() + 1).replaceFirst("^/admin/errors", "/api/v1/admin/issues");
			response.setHeader("Link", "<" + next + ">; rel=\"next\"");
		}
		return found.issues();
	}

	/** Resolves, reopens, ignores or assigns many issues at once; all or nothing. */
	@PostMapping("/bulk")
	Issues.BulkResult bulk(@RequestBody BulkRequest request, Authentication authentication) {
		if (request == null) {
			throw Rejected.badRequest("ids", "Send the ids of the issues and the change.");
		}
		return issues.bulk(request.ids(), new Issues.Change(request.status(), request.inNextRelease(),
				request.ignoreCount(), request.ignoreUntil(), request.assignee()), AccountId.from(authentication));
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
