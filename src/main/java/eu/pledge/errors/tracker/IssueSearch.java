package eu.pledge.errors.tracker;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.Rejected;
import eu.pledge.shared.StorableText;

/**
 * The issue list's search, for the page and the API alike: free text (title or culprit), project, environment,
 * release, status and assignee ("me", "nobody" or an administrator), sorted and a page at a time. Every value
 * comes from a URL, so each is checked here and refused with a message that names it.
 */
@Service
@Transactional(readOnly = true)
class IssueSearch {

	static final int PAGE_SIZE = 50;
	static final int LAST_PAGE = 1_000;
	private static final int LONGEST = 200;
	private static final Set<String> STATUSES = Set.of("all", "unresolved", "resolved", "regressed", "ignored", "merged");

	/** The search as typed (every field may be null or blank: no filter). */
	record Query(String status, String project, String q, String environment, String release, String assignee,
			String sort, String page) {

		static Query of(Map<String, String> params) {
			return new Query(params.get("status"), params.get("project"), params.get("q"), params.get("environment"),
					params.get("release"), params.get("assignee"), params.get("sort"), params.get("page"));
		}

		@Override
		public String toString() {
			return "Query[status=" + status + "]"; // free text may quote anything
		}
	}

	/**
	 * A checked search.
	 *
	 * @param project 0: every project
	 * @param text lower case, null: none
	 * @param assignee null: anyone; {@link #NOBODY}: unassigned; else an account id
	 */
	record Criteria(String status, long project, String text, String environment, String release, String assignee,
			boolean byCount, int page) {

		static final String NOBODY = "nobody";

		@Override
		public String toString() {
			return "Criteria[status=" + status + ", project=" + project + ", page=" + page + "]";
		}
	}

	/** One page of issues; {@code more}: a next page exists. */
	record Found(List<Issue> issues, int page, boolean more) {
	}

	private final IssueQueries queries;

	IssueSearch(IssueQueries queries) {
		this.queries = queries;
	}

	Found search(Query query, AccountId me, int pageSize) {
		Criteria criteria = criteria(query, me);
		List<Issue> found = queries.search(criteria, pageSize + 1, (criteria.page() - 1) * pageSize);
		return new Found(found.subList(0, Math.min(pageSize, found.size())), criteria.page(), found.size() > pageSize);
	}

	/** The open issues, newest first (the merge targets). */
	List<Issue> open(int limit) {
		return queries.search(new Criteria("unresolved", 0, null, null, null, null, false, 1), limit, 0);
	}

	Map<Long, String> projects() {
		return queries.projects();
	}

	List<String> environments() {
		return queries.environments();
	}

	List<String> releases() {
		return queries.releases();
	}

	Criteria criteria(Query query, AccountId me) {
		String status = blank(query.status()) ? "unresolved" : query.status().trim().toLowerCase();
		if (!STATUSES.contains(status)) {
			throw Rejected.badRequest("status", "Status must be one of all, unresolved, resolved, regressed, ignored, merged.");
		}
		long project = 0;
		if (!blank(query.project())) {
			try {
				project = Long.parseLong(query.project().trim());
			}
			catch (NumberFormatException ex) {
				throw Rejected.badRequest("project", "The project must be a project id (a number).");
			}
			if (!queries.projects().containsKey(project)) {
				throw Rejected.badRequest("project", "There is no error project " + project + ".");
			}
		}
		String sort = blank(query.sort()) ? "last-seen" : query.sort().trim().toLowerCase();
		if (!sort.equals("last-seen") && !sort.equals("count")) {
			throw Rejected.badRequest("sort", "Sort must be last-seen or count.");
		}
		int page = 1;
		if (!blank(query.page())) {
			try {
				page = Integer.parseInt(query.page().trim());
			}
			catch (NumberFormatException ex) {
				page = 0;
			}
			if (page < 1 || page > LAST_PAGE) {
				throw Rejected.badRequest("page", "The page must be a number from 1 to " + LAST_PAGE + ".");
			}
		}
		return new Criteria(status, project, text("q", query.q(), true), text("environment", query.environment(), false),
				text("release", query.release(), false), assignee(query.assignee(), me), sort.equals("count"), page);
	}

	private static String text(String field, String value, boolean lowerCase) {
		if (blank(value)) {
			return null;
		}
		String text = value.strip();
		if (text.length() > LONGEST) {
			throw Rejected.badRequest(field, "Search with at most " + LONGEST + " characters.");
		}
		StorableText.require(field, text);
		return lowerCase ? text.toLowerCase() : text;
	}

	private static String assignee(String value, AccountId me) {
		if (blank(value) || value.trim().equalsIgnoreCase("anyone")) {
			return null;
		}
		String assignee = value.trim().toLowerCase();
		if (assignee.equals("me")) {
			return me.toString();
		}
		if (assignee.equals(Criteria.NOBODY)) {
			return Criteria.NOBODY;
		}
		try {
			return AccountId.of(assignee).toString();
		}
		catch (IllegalArgumentException ex) {
			throw Rejected.badRequest("assignee", "The assignee must be me, nobody or an administrator's account id.");
		}
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}
}
