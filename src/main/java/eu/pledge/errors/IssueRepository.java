package eu.pledge.errors;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The issues and what hangs on them: fingerprints, releases, affected requests and accounts. */
@Repository
class IssueRepository {

	private static final String COLUMNS = """
			id, project_id, title, culprit, level, status, first_seen, last_seen, event_count, affected_requests,
			affected_accounts, last_release, resolved_at, next_release, resolved_in_release, ignore_until_count,
			ignore_until, assignee, merged_into, window_start, window_count, last_alert_at""";
	private static final String BY_ID = "SELECT " + COLUMNS + " FROM error_issues WHERE id = :id";
	private static final String LOCK = BY_ID + " FOR UPDATE";
	private static final String BY_FINGERPRINT = """
			SELECT issue_id FROM error_fingerprints WHERE project_id = :project AND hash = :hash""";
	private static final String INSERT = """
			INSERT INTO error_issues (project_id, title, culprit, level, status, first_seen, last_seen, event_count,
			  window_start, window_count)
			VALUES (:project, :title, :culprit, :level, 'unresolved', :now, :now, 0, :now, 0)""";
	private static final String INSERT_FINGERPRINT = """
			INSERT INTO error_fingerprints (project_id, hash, issue_id) VALUES (:project, :hash, :issue)""";
	private static final String RECORD_EVENT = """
			UPDATE error_issues SET event_count = event_count + 1, last_seen = :now, level = :level,
			  last_release = COALESCE(:release, last_release), status = :status, window_start = :windowStart,
			  window_count = :windowCount, ignore_until_count = :ignoreUntilCount, ignore_until = :ignoreUntil,
			  resolved_at = :resolvedAt, next_release = :nextRelease, resolved_in_release = :resolvedInRelease
			WHERE id = :id""";
	private static final String ADD_RELEASE = """
			INSERT INTO error_issue_releases (issue_id, release_name, first_seen) VALUES (:issue, :value, :now)
			ON CONFLICT DO NOTHING""";
	private static final String ADD_REQUEST = """
			INSERT INTO error_issue_requests (issue_id, request_id, seen_at) VALUES (:issue, :value, :now)
			ON CONFLICT DO NOTHING""";
	private static final String ADD_ACCOUNT = """
			INSERT INTO error_issue_accounts (issue_id, account_id, seen_at) VALUES (:issue, :value, :now)
			ON CONFLICT DO NOTHING""";
	private static final String COUNT_REQUEST = "UPDATE error_issues SET affected_requests = affected_requests + 1 WHERE id = :id";
	private static final String COUNT_ACCOUNT = "UPDATE error_issues SET affected_accounts = affected_accounts + 1 WHERE id = :id";
	private static final String RELEASES = """
			SELECT release_name FROM error_issue_releases WHERE issue_id = :id ORDER BY first_seen, release_name""";
	private static final String ALERTED = "UPDATE error_issues SET last_alert_at = :now WHERE id = :id";

	static final RowMapper<Issue> ROW = (rs, n) -> new Issue(rs.getLong("id"), rs.getLong("project_id"),
			rs.getString("title"), rs.getString("culprit"), rs.getString("level"), rs.getString("status"),
			instant(rs.getTimestamp("first_seen")), instant(rs.getTimestamp("last_seen")), rs.getLong("event_count"),
			rs.getLong("affected_requests"), rs.getLong("affected_accounts"), rs.getString("last_release"),
			instant(rs.getTimestamp("resolved_at")), rs.getBoolean("next_release"), rs.getString("resolved_in_release"),
			rs.getObject("ignore_until_count") == null ? null : rs.getLong("ignore_until_count"),
			instant(rs.getTimestamp("ignore_until")), rs.getString("assignee"),
			rs.getObject("merged_into") == null ? null : rs.getLong("merged_into"),
			instant(rs.getTimestamp("window_start")), rs.getLong("window_count"),
			instant(rs.getTimestamp("last_alert_at")));

	private final JdbcClient jdbc;

	IssueRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Issue> find(long id) {
		return jdbc.sql(BY_ID).param("id", id).query(ROW).optional();
	}

	/** The issue, locked until the transaction ends: the events of one issue are counted one after another. */
	Issue lock(long id) {
		return jdbc.sql(LOCK).param("id", id).query(ROW).single();
	}

	Optional<Long> byFingerprint(long project, String hash) {
		return jdbc.sql(BY_FINGERPRINT).param("project", project).param("hash", hash).query(Long.class).optional();
	}

	long create(long project, String title, String culprit, String level, Instant now) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql(INSERT).param("project", project).param("title", title).param("culprit", culprit)
				.param("level", level).param("now", ts(now)).update(keys, "id");
		return keys.getKey().longValue();
	}

	/** Throws {@link org.springframework.dao.DuplicateKeyException} when another node was first. */
	void addFingerprint(long project, String hash, long issue) {
		jdbc.sql(INSERT_FINGERPRINT).param("project", project).param("hash", hash).param("issue", issue).update();
	}

	void recordEvent(Issue updated, Instant now, String release) {
		jdbc.sql(RECORD_EVENT).param("id", updated.id()).param("now", ts(now)).param("level", updated.level())
				.param("release", release).param("status", updated.status())
				.param("windowStart", ts(updated.windowStart())).param("windowCount", updated.windowCount())
				.param("ignoreUntilCount", updated.ignoreUntilCount()).param("ignoreUntil", ts(updated.ignoreUntil()))
				.param("resolvedAt", ts(updated.resolvedAt())).param("nextRelease", updated.nextRelease())
				.param("resolvedInRelease", updated.resolvedInRelease()).update();
	}

	void addRelease(long issue, String release, Instant now) {
		jdbc.sql(ADD_RELEASE).param("issue", issue).param("value", release).param("now", ts(now)).update();
	}

	void addRequest(long issue, String requestId, Instant now) {
		if (jdbc.sql(ADD_REQUEST).param("issue", issue).param("value", requestId).param("now", ts(now)).update() > 0) {
			jdbc.sql(COUNT_REQUEST).param("id", issue).update();
		}
	}

	void addAccount(long issue, String accountId, Instant now) {
		if (jdbc.sql(ADD_ACCOUNT).param("issue", issue).param("value", accountId).param("now", ts(now)).update() > 0) {
			jdbc.sql(COUNT_ACCOUNT).param("id", issue).update();
		}
	}

	List<String> releases(long issue) {
		return jdbc.sql(RELEASES).param("id", issue).query(String.class).list();
	}

	void alerted(long issue, Instant now) {
		jdbc.sql(ALERTED).param("id", issue).param("now", ts(now)).update();
	}

	static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
