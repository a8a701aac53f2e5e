package eu.pledge.errors.tracker;

import static eu.pledge.errors.tracker.IssueRepository.instant;
import static eu.pledge.errors.tracker.IssueRepository.ts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What an issue's page summarises of all its events, counted as they are stored: the values of each tag with
 * their counts ({@code error_issue_tags}) and the events per hour ({@code error_issue_hours}). Counted per batch:
 * one batched update and one batched insert of the rows the update did not find, under the issues' row locks
 * (which is what makes "did not find" exact), never a round trip per event.
 */
@Repository
class IssueStats {

	/** Tags whose values are one per event or name a person: counting their values would say nothing or too much. */
	private static final Set<String> UNCOUNTED = Set.of("request_id", "event_id", "trace_id", "span_id", "user",
			"user.id", "user.email", "user.username", "user.ip_address", "ip", "ip_address", "email", "account",
			"account_id");

	private static final String ADD_TAG = """
			UPDATE error_issue_tags SET event_count = event_count + :n, last_seen = :now
			WHERE issue_id = :issue AND tag_key = :key AND tag_value = :value""";
	private static final String NEW_TAG = """
			INSERT INTO error_issue_tags (issue_id, tag_key, tag_value, event_count, first_seen, last_seen)
			VALUES (:issue, :key, :value, :n, :now, :now)""";
	private static final String ADD_HOUR = """
			UPDATE error_issue_hours SET event_count = event_count + :n WHERE issue_id = :issue AND hour_start = :hour""";
	private static final String NEW_HOUR = """
			INSERT INTO error_issue_hours (issue_id, hour_start, event_count) VALUES (:issue, :hour, :n)""";
	private static final String TAGS = """
			SELECT tag_key, tag_value, event_count FROM error_issue_tags WHERE issue_id = :issue
			ORDER BY tag_key, event_count DESC, tag_value""";
	private static final String HOURS = """
			SELECT hour_start, event_count FROM error_issue_hours WHERE issue_id = :issue AND hour_start >= :from""";
	private static final String MERGE_TAGS = """
			UPDATE error_issue_tags SET event_count = event_count + (SELECT s.event_count FROM error_issue_tags s
			  WHERE s.issue_id = :id AND s.tag_key = error_issue_tags.tag_key AND s.tag_value = error_issue_tags.tag_value)
			WHERE issue_id = :target AND EXISTS (SELECT 1 FROM error_issue_tags s WHERE s.issue_id = :id
			  AND s.tag_key = error_issue_tags.tag_key AND s.tag_value = error_issue_tags.tag_value)""";
	private static final String COPY_TAGS = """
			INSERT INTO error_issue_tags (issue_id, tag_key, tag_value, event_count, first_seen, last_seen)
			SELECT :target, tag_key, tag_value, event_count, first_seen, last_seen FROM error_issue_tags WHERE issue_id = :id
			ON CONFLICT DO NOTHING""";
	private static final String MERGE_HOURS = """
			UPDATE error_issue_hours SET event_count = event_count + (SELECT s.event_count FROM error_issue_hours s
			  WHERE s.issue_id = :id AND s.hour_start = error_issue_hours.hour_start)
			WHERE issue_id = :target AND EXISTS (SELECT 1 FROM error_issue_hours s WHERE s.issue_id = :id
			  AND s.hour_start = error_issue_hours.hour_start)""";
	private static final String COPY_HOURS = """
			INSERT INTO error_issue_hours (issue_id, hour_start, event_count)
			SELECT :target, hour_start, event_count FROM error_issue_hours WHERE issue_id = :id ON CONFLICT DO NOTHING""";

	/** One value of a tag and how many of the issue's events carried it. */
	record TagValue(String value, long count) {
	}

	/** A tag with its most frequent values (at most {@link #TOP}) and the count of all its events. */
	record Tag(String key, List<TagValue> top, long total, int otherValues) {
	}

	static final int TOP = 5;

	private final JdbcClient jdbc;
	private final NamedParameterJdbcTemplate batch;

	IssueStats(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	/** The tag values an event counts under: its environment, release, level, platform, server and its tags. */
	static Map<String, String> tagsOf(ErrorEvent event) {
		Map<String, String> tags = new TreeMap<>();
		put(tags, "environment", event.environment());
		put(tags, "release", event.release());
		put(tags, "level", event.level());
		put(tags, "platform", event.platform());
		put(tags, "server_name", event.serverName());
		event.tags().forEach((key, value) -> {
			if (key != null && !UNCOUNTED.contains(key.toLowerCase(Locale.ROOT)) && !tags.containsKey(key)) {
				put(tags, key, value);
			}
		});
		return tags;
	}

	private static void put(Map<String, String> tags, String key, String value) {
		if (key != null && !key.isBlank() && value != null && !value.isBlank()) {
			tags.put(EventRepository.cut(key.strip(), 64), EventRepository.cut(value.strip(), 200));
		}
	}

	/** Counts per issue: tag key → value → events, and hour → events. */
	static final class Counts {
		final Map<Long, Map<String, Map<String, Long>>> tags = new TreeMap<>();
		final Map<Long, Map<Instant, Long>> hours = new TreeMap<>();

		void add(long issue, ErrorEvent event, Instant now) {
			Map<String, Map<String, Long>> ofIssue = tags.computeIfAbsent(issue, i -> new TreeMap<>());
			tagsOf(event).forEach((key, value) -> ofIssue.computeIfAbsent(key, k -> new TreeMap<>()).merge(value, 1L, Long::sum));
			hours.computeIfAbsent(issue, i -> new TreeMap<>()).merge(now.truncatedTo(ChronoUnit.HOURS), 1L, Long::sum);
		}
	}

	/** Adds the counts; the issues must be locked by the caller's transaction. */
	void record(Counts counts, Instant now) {
		List<MapSqlParameterSource> tagRows = new ArrayList<>();
		counts.tags.forEach((issue, keys) -> keys.forEach((key, values) -> values.forEach((value, n) -> tagRows
				.add(new MapSqlParameterSource().addValue("issue", issue).addValue("key", key).addValue("value", value)
						.addValue("n", n).addValue("now", ts(now))))));
		upsert(ADD_TAG, NEW_TAG, tagRows);
		List<MapSqlParameterSource> hourRows = new ArrayList<>();
		counts.hours.forEach((issue, hours) -> hours.forEach((hour, n) -> hourRows.add(new MapSqlParameterSource()
				.addValue("issue", issue).addValue("hour", ts(hour)).addValue("n", n))));
		upsert(ADD_HOUR, NEW_HOUR, hourRows);
	}

	private void upsert(String update, String insert, List<MapSqlParameterSource> rows) {
		if (rows.isEmpty()) {
			return;
		}
		int[] updated = rows.size() == 1 ? new int[] { jdbc.sql(update).paramSource(rows.get(0)).update() }
				: batch.batchUpdate(update, rows.toArray(MapSqlParameterSource[]::new));
		List<MapSqlParameterSource> missing = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			if (updated[i] == 0) {
				missing.add(rows.get(i));
			}
		}
		if (missing.size() == 1) {
			jdbc.sql(insert).paramSource(missing.get(0)).update();
		}
		else if (!missing.isEmpty()) {
			batch.batchUpdate(insert, missing.toArray(MapSqlParameterSource[]::new));
		}
	}

	/** Each tag of the issue with its top values, tags in name order (environment, level, release … first). */
	List<Tag> tags(long issue) {
		Map<String, List<TagValue>> all = new LinkedHashMap<>();
		jdbc.sql(TAGS).param("issue", issue).query((rs, n) -> all.computeIfAbsent(rs.getString("tag_key"),
				k -> new ArrayList<>()).add(new TagValue(rs.getString("tag_value"), rs.getLong("event_count")))).list();
		List<Tag> tags = new ArrayList<>();
		all.forEach((key, values) -> tags.add(new Tag(key, List.copyOf(values.subList(0, Math.min(TOP, values.size()))),
				values.stream().mapToLong(TagValue::count).sum(), Math.max(0, values.size() - TOP))));
		return tags;
	}

	/** Events per hour since {@code from} (hours without events are absent). */
	Map<Instant, Long> hours(long issue, Instant from) {
		Map<Instant, Long> hours = new TreeMap<>();
		jdbc.sql(HOURS).param("issue", issue).param("from", ts(from))
				.query((rs, n) -> hours.put(instant(rs.getTimestamp("hour_start")), rs.getLong("event_count"))).list();
		return hours;
	}

	/** Adds the counts of {@code id} to {@code target} and deletes them from {@code id}; both rows locked. */
	void merge(long id, long target) {
		jdbc.sql(MERGE_TAGS).param("id", id).param("target", target).update();
		jdbc.sql(COPY_TAGS).param("id", id).param("target", target).update();
		jdbc.sql(MERGE_HOURS).param("id", id).param("target", target).update();
		jdbc.sql(COPY_HOURS).param("id", id).param("target", target).update();
		jdbc.sql("DELETE FROM error_issue_tags WHERE issue_id = :id").param("id", id).update();
		jdbc.sql("DELETE FROM error_issue_hours WHERE issue_id = :id").param("id", id).update();
	}
}
