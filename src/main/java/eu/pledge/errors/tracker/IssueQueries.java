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
			FROM error_issues WHERE (:status = 'all' AND status <> 'merged' OR :status = 'unresolved' AND status IN ('unresolved', 'regressed')
			  OR status = :status) AND (:project = 0 OR project_id = :project)""";
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

	IssueQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** @param status {@code all}, {@code unresolved} (with regressed) or one status; project 0: every project */
	List<Issue> list(String status, long project, boolean byCount, int limit) {
		String order = byCount ? " ORDER BY event_count DESC, id DESC" : " ORDER BY last_seen DESC, id DESC";
		return jdbc.sql(LIST + order + " LIMIT :limit").param("status", status).param("project", project)
				.param("limit", limit).query(IssueRepository.ROW).list();
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
		jdbc.sql(COUNT_AFFECTED).param("id", to).param("requests", requests).param("accounts", accounts).update();
		for (String table : List.of("error_issue_releases", "error_issue_requests", "error_issue_accounts")) {
			jdbc.sql("DELETE FROM " + table + " WHERE issue_id = :id").param("id", id).update();
		}
		jdbc.sql(MARK_MERGED).param("id", id).param("target", to).update();
	}
}
