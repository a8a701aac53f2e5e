package eu.pledge.errors.tracker;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
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
	private static final String INSERT = """
			INSERT INTO error_issues (project_id, title, culprit, level, status, first_seen, last_seen, event_count,
			  window_start, window_count)
			VALUES (:project, :title, :culprit, :level, 'unresolved', :now, :now, 0, :now, 0)""";
	private static final String INSERT_FINGERPRINT = """
			INSERT INTO error_fingerprints (project_id, hash, issue_id) VALUES (:project, :hash, :issue)""";
	private static final String RECORD_EVENT = """
			UPDATE error_issues SET event_count = event_count + :count, last_seen = :now, level = :level,
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
	private static final String COUNT_REQUEST = "UPDATE error_issues SET affected_requests = affected_requests + :n WHERE id = :id";
	private static final String COUNT_ACCOUNT = "UPDATE error_issues SET affected_accounts = affected_accounts + :n WHERE id = :id";
	private static final String FINGERPRINTS = """
			SELECT hash, issue_id FROM error_fingerprints WHERE project_id = :project AND hash IN (:hashes)""";
	private static final String KNOWN_RELEASES = """
			SELECT issue_id, release_name FROM error_issue_releases WHERE issue_id IN (:issues) AND release_name IN (:values)""";
	private static final String KNOWN_REQUESTS = """
			SELECT issue_id, request_id FROM error_issue_requests WHERE issue_id IN (:issues) AND request_id IN (:values)""";
	private static final String KNOWN_ACCOUNTS = """
			SELECT issue_id, account_id FROM error_issue_accounts WHERE issue_id IN (:issues) AND account_id IN (:values)""";
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

	/** What hangs on an issue besides its events: its releases, affected requests and affected accounts. */
	enum Attached {
		RELEASES(KNOWN_RELEASES, ADD_RELEASE, null), REQUESTS(KNOWN_REQUESTS, ADD_REQUEST, COUNT_REQUEST),
		ACCOUNTS(KNOWN_ACCOUNTS, ADD_ACCOUNT, COUNT_ACCOUNT);

		final String known;
		final String add;
		final String count;

		Attached(String known, String add, String count) {
			this.known = known;
			this.add = add;
			this.count = count;
		}
	}

	private final JdbcClient jdbc;
	private final NamedParameterJdbcTemplate batch;

	IssueRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	Optional<Issue> find(long id) {
		return jdbc.sql(BY_ID).param("id", id).query(ROW).optional();
	}

	/**
	 * The issue, locked until the transaction ends: the events of one issue are counted one after another. Empty
	 * when it is gone, even if it was there a moment ago: retention deletes long-closed issues while events and
	 * engineers may still name them.
	 */
	Optional<Issue> lock(long id) {
		return jdbc.sql(LOCK).param("id", id).query(ROW).optional();
	}

	/** The issues of those fingerprints that have one. */
	Map<String, Long> byFingerprints(long project, Collection<String> hashes) {
		Map<String, Long> found = new HashMap<>();
		jdbc.sql(FINGERPRINTS).param("project", project).param("hashes", hashes)
				.query((rs, n) -> found.put(rs.getString("hash"), rs.getLong("issue_id"))).list();
		return found;
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

	/** {@code updated} is the issue after its {@code count} new events (the row is locked). */
	void recordEvents(Issue updated, int count, Instant now, String release) {
		jdbc.sql(RECORD_EVENT).param("id", updated.id()).param("count", count).param("now", ts(now)).param("level", updated.level())
				.param("release", release).param("status", updated.status())
				.param("windowStart", ts(updated.windowStart())).param("windowCount", updated.windowCount())
				.param("ignoreUntilCount", updated.ignoreUntilCount()).param("ignoreUntil", ts(updated.ignoreUntil()))
				.param("resolvedAt", ts(updated.resolvedAt())).param("nextRelease", updated.nextRelease())
				.param("resolvedInRelease", updated.resolvedInRelease()).update();
	}

	/**
	 * Adds the values (per issue, already cut to size) that are not there yet, in one batch, and counts the new
	 * ones on their issue. The issues must be locked: that is what makes "not there yet" exact.
	 */
	void addAll(Attached kind, Map<Long, Set<String>> values, Instant now) {
		Set<String> all = new HashSet<>();
		values.values().forEach(all::addAll);
		if (all.isEmpty()) {
			return;
		}
		if (values.size() == 1 && all.size() == 1) { // a batch of one event: the insert itself says whether it is new
			long issue = values.keySet().iterator().next();
			String value = all.iterator().next();
			if (jdbc.sql(kind.add).param("issue", issue).param("value", value).param("now", ts(now)).update() > 0
					&& kind.count != null) {
				jdbc.sql(kind.count).param("id", issue).param("n", 1).update();
			}
			return;
		}
		Set<String> known = new HashSet<>();
		jdbc.sql(kind.known).param("issues", values.keySet()).param("values", all)
				.query((rs, n) -> known.add(rs.getLong(1) + "\n" + rs.getString(2))).list();
		List<MapSqlParameterSource> rows = new ArrayList<>();
		Map<Long, Integer> added = new HashMap<>();
		values.forEach((issue, set) -> set.forEach(value -> {
			if (!known.contains(issue + "\n" + value)) {
				rows.add(new MapSqlParameterSource().addValue("issue", issue).addValue("value", value)
						.addValue("now", ts(now)));
				added.merge(issue, 1, Integer::sum);
			}
		}));
		if (rows.isEmpty()) {
			return;
		}
		batch.batchUpdate(kind.add, rows.toArray(MapSqlParameterSource[]::new));
		if (kind.count != null) {
			added.forEach((issue, n) -> jdbc.sql(kind.count).param("id", issue).param("n", n).update());
		}
	}

	List<String> releases(long issue) {
		return jdbc.sql(RELEASES).param("id", issue).query(String.class).list();
	}

	void alerted(long issue, Instant now) {
		jdbc.sql(ALERTED).param("id", issue).param("now", ts(now)).update();
	}

	/**
	 * Microseconds, as the columns keep them: a clock with nanoseconds would otherwise store a value the
	 * database rounds (up, half the time), and "created at or before now" would miss what was stored just now.
	 */
	static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant.truncatedTo(ChronoUnit.MICROS));
	}

	static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
