package eu.pledge.errors.tracker;

import static eu.pledge.errors.tracker.IssueRepository.ts;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The issue list and the engineers' changes to issues (status, ignore rules, assignment, merge). */
@Repository
class IssueQueries {

	private static final String LIST = "SELECT " + """
			id, project_id, title, culprit, level, status, first_seen, last_seen, event_count, affected_requests,
			affected_accounts, last_release, resolved_at, next_release, resolved_in_release, ignore_until_count,
			ignore_until, assignee, merged_into, window_start, window_count, last_alert_at
			FROM error_issues i WHERE (:status = 'all' AND status <> 'merged' OR :status = 'unresolved' AND status IN ('unresolved', 'regressed')
			  OR status = :status) AND (:project = 0 OR project_id = :project)""";
	// the search's optional conditions, appended to LIST as the criteria ask
	private static final String TEXT = """
			 AND (LOWER(title) LIKE :text ESCAPE '!' OR LOWER(COALESCE(culprit, '')) LIKE :text ESCAPE '!')""";
	private static final String ENVIRONMENT = """
			 AND EXISTS (SELECT 1 FROM error_issue_tags t WHERE t.tag_key = 'environment' AND t.tag_value = :environment
			  AND t.issue_id = i.id)""";
	private static final String RELEASE = """
			 AND EXISTS (SELECT 1 FROM error_issue_releases r WHERE r.release_name = :release AND r.issue_id = i.id)""";
	private static final String UNASSIGNED = " AND assignee IS NULL";
	private static final String ASSIGNED_TO = " AND assignee = :assignee";
	private static final String PROJECTS = "SELECT id, name FROM error_projects ORDER BY name, id";
	private static final String ENVIRONMENTS = """
			SELECT DISTINCT tag_value FROM error_issue_tags WHERE tag_key = 'environment' ORDER BY tag_value LIMIT 100""";
	private static final String RELEASES = """
			SELECT DISTINCT release_name FROM error_issue_releases ORDER BY release_name DESC LIMIT 100""";
	private static final String SET_STATUS = """
			UPDATE error_issues SET status = :status, resolved_at = :resolvedAt, next_release = :nextRelease,
			  resolved_in_release = :resolvedIn, ignore_until_count = :untilCount, ignore_until = :until WHERE id = :id""";
	private static final String ASSIGN = "UPDATE error_issues SET assignee = :assignee WHERE id = :id";
	private static final String MERGE_COUNTS = """
			UPDATE error_issues SET event_count = event_count + :events,
			  first_seen = CASE WHEN first_seen < :firstSeen THEN first_seen ELSE :firstSeen END,
			  last_seen = CASE WHEN last_seen > :lastSeen THEN last_seen ELSE :lastSeen END WHERE id = :id""";
	private static final String MARK_MERGED = """
			UPDATE error_issues SET status = 'merged', merged_into = :target, event_count = 0 WHERE id = :id""";
	private static final String MOVE_EVENTS = "UPDATE error_events SET issue_id = :target WHERE issue_id = :id";
	private static final String MOVE_FINGERPRINTS = "UPDATE error_fingerprints SET issue_id = :target WHERE issue_id = :id";
	private static final String MOVE_MERGED = "UPDATE error_issues SET merged_into = :target WHERE merged_into = :id";
	private static final String COPY_RELEASES = """
			INSERT INTO error_issue_releases (issue_id, release_name, first_seen)
			SELECT :target, release_name, first_seen FROM error_issue_releases WHERE issue_id = :id ON CONFLICT DO NOTHING""";
	private static final String COPY_REQUESTS = """
			INSERT INTO error_issue_requests (issue_id, request_id, seen_at)
			SELECT :target, request_id, seen_at FROM error_issue_requests WHERE issue_id = :id ON CONFLICT DO NOTHING""";
	private static final String COPY_ACCOUNTS = """
			INSERT INTO error_issue_accounts (issue_id, account_id, seen_at)
			SELECT :target, account_id, seen_at FROM error_issue_accounts WHERE issue_id = :id ON CONFLICT DO NOTHING""";
	private static final String COUNT_AFFECTED = """
			UPDATE error_issues SET affected_requests = affected_requests + :requests,
			  affected_accounts = affected_accounts + :accounts WHERE id = :id""";

	private final JdbcClient jdbc;
	private final IssueStats stats;

	IssueQueries(JdbcClient jdbc, IssueStats stats) {
		this.jdbc = jdbc;
		this.stats = stats;
	}

	/** The issues the criteria match, in their order, {@code limit} of them after skipping {@code offset}. */
	List<Issue> search(IssueSearch.Criteria criteria, int limit, int offset) {
		StringBuilder sql = new StringBuilder(LIST);
		java.util.Map<String, Object> params = new java.util.HashMap<>();
		params.put("status", criteria.status());
		params.put("project", criteria.project());
		if (criteria.text() != null) {
			sql.append(TEXT);
			params.put("text", "%" + criteria.text().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
		}
		if (criteria.environment() != null) {
			sql.append(ENVIRONMENT);
			params.put("environment", criteria.environment());
		}
		if (criteria.release() != null) {
			sql.append(RELEASE);
			params.put("release", criteria.release());
		}
		if (IssueSearch.Criteria.NOBODY.equals(criteria.assignee())) {
			sql.append(UNASSIGNED);
		}
		else if (criteria.assignee() != null) {
			sql.append(ASSIGNED_TO);
			params.put("assignee", criteria.assignee());
		}
		sql.append(criteria.byCount() ? " ORDER BY event_count DESC, id DESC" : " ORDER BY last_seen DESC, id DESC");
		sql.append(" LIMIT :limit OFFSET :offset");
		params.put("limit", limit);
		params.put("offset", offset);
		return jdbc.sql(sql.toString()).params(params).query(IssueRepository.ROW).list();
	}

	/** Every error project's name by id, in name order (few: the vendor's systems). */
	java.util.Map<Long, String> projects() {
		java.util.Map<Long, String> projects = new java.util.LinkedHashMap<>();
		jdbc.sql(PROJECTS).query((rs, n) -> projects.put(rs.getLong("id"), rs.getString("name"))).list();
		return projects;
	}

	List<String> environments() {
		return jdbc.sql(ENVIRONMENTS).query(String.class).list();
	}

	List<String> releases() {
		return jdbc.sql(RELEASES).query(String.class).list();
	}

	void setStatus(long id, String status, Instant resolvedAt, boolean nextRelease, String resolvedIn, Long untilCount,
			Instant until) {
		jdbc.sql(SET_STATUS).param("id", id).param("status", status).param("resolvedAt", ts(resolvedAt))
				.param("nextRelease", nextRelease).param("resolvedIn", resolvedIn).param("untilCount", untilCount)
				.param("until", ts(until)).update();
	}

	void assign(long id, String assignee) {
		jdbc.sql(ASSIGN).param("id", id).param("assignee", assignee).update();
	}

	/** Moves everything of {@code source} to {@code target}; the caller holds both rows locked. */
	void merge(Issue source, Issue target) {
		long id = source.id();
		long to = target.id();
		jdbc.sql(MERGE_COUNTS).param("id", to).param("events", source.eventCount())
				.param("firstSeen", ts(source.firstSeen())).param("lastSeen", ts(source.lastSeen())).update();
		jdbc.sql(MOVE_EVENTS).param("id", id).param("target", to).update();
		jdbc.sql(MOVE_FINGERPRINTS).param("id", id).param("target", to).update();
		jdbc.sql(MOVE_MERGED).param("id", id).param("target", to).update();
		jdbc.sql(COPY_RELEASES).param("id", id).param("target", to).update();
		int requests = jdbc.sql(COPY_REQUESTS).param("id", id).param("target", to).update();
		int accounts = jdbc.sql(COPY_ACCOUNTS).param("id", id).param("target", to).update();
		stats.merge(id, to);
		jdbc.sql(COUNT_AFFECTED).param("id", to).param("requests", requests).param("accounts", accounts).update();
		for (String table : List.of("error_issue_releases", "error_issue_requests", "error_issue_accounts")) {
			jdbc.sql("DELETE FROM " + table + " WHERE issue_id = :id").param("id", id).update();
		}
		jdbc.sql(MARK_MERGED).param("id", id).param("target", to).update();
	}
}
