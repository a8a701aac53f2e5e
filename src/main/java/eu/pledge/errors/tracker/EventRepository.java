package eu.pledge.errors.tracker;

import static eu.pledge.errors.tracker.IssueRepository.instant;
import static eu.pledge.errors.tracker.IssueRepository.ts;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The stored (scrubbed) events; each issue keeps its latest {@code pledge.errors.events-per-issue}. */
@Repository
class EventRepository {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String INSERT = """
			INSERT INTO error_events (event_id, project_id, issue_id, occurred_at, received_at, level, platform, message,
			  exceptions, release_name, environment, server_name, request_method, request_route, request_id, account_id,
			  tags)
			VALUES (:eventId, :project, :issue, :occurredAt, :receivedAt, :level, :platform, :message, :exceptions,
			  :release, :environment, :serverName, :method, :route, :requestId, :accountId, :tags)""";
	private static final String KNOWN = """
			SELECT event_id, issue_id FROM error_events WHERE project_id = :project AND event_id IN (:eventIds)""";
	private static final String TO_DROP = """
			SELECT id FROM error_events WHERE issue_id = :issue ORDER BY id DESC OFFSET :keep ROWS""";
	private static final String DROP = "DELETE FROM error_events WHERE id IN (:ids)";
	private static final String COLUMNS = """
			id, event_id, project_id, issue_id, occurred_at, received_at, level, platform, message, exceptions,
			release_name, environment, server_name, request_method, request_route, request_id, account_id, tags""";
	private static final String RECENT = "SELECT " + COLUMNS
			+ " FROM error_events WHERE issue_id = :issue ORDER BY id DESC LIMIT :limit";
	private static final String OF_ACCOUNT = "SELECT " + COLUMNS
			+ " FROM error_events WHERE account_id = :account ORDER BY id";

	/** One stored event, as the API and the pages show it. */
	record StoredEvent(long id, String eventId, long projectId, long issueId, Instant occurredAt, Instant receivedAt,
			String level, String platform, String message, List<ErrorEvent.ExceptionInfo> exceptions, String release,
			String environment, String serverName, String requestMethod, String route, String requestId,
			String accountId, Map<String, String> tags) {

		@Override
		public String toString() {
			return "StoredEvent[id=" + id + ", issueId=" + issueId + "]";
		}
	}

	private static final RowMapper<StoredEvent> ROW = (rs, n) -> new StoredEvent(rs.getLong("id"),
			rs.getString("event_id"), rs.getLong("project_id"), rs.getLong("issue_id"),
			instant(rs.getTimestamp("occurred_at")), instant(rs.getTimestamp("received_at")), rs.getString("level"),
			rs.getString("platform"), rs.getString("message"), exceptions(rs.getString("exceptions")),
			rs.getString("release_name"), rs.getString("environment"), rs.getString("server_name"),
			rs.getString("request_method"), rs.getString("request_route"), rs.getString("request_id"),
			rs.getString("account_id"), tags(rs.getString("tags")));

	private final JdbcClient jdbc;
	private final NamedParameterJdbcTemplate batch;

	EventRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	/** Which of these event ids are stored already, and in which issue (a client's retries). */
	Map<String, Long> known(long project, Collection<String> eventIds) {
		Map<String, Long> found = new HashMap<>();
		jdbc.sql(KNOWN).param("project", project).param("eventIds", eventIds)
				.query((rs, n) -> found.put(rs.getString("event_id"), rs.getLong("issue_id"))).list();
		return found;
	}

	/** Inserts the events (each with its issue) in one JDBC batch. */
	void insertAll(List<ErrorEvent> events, List<Long> issues, Instant now) {
		MapSqlParameterSource[] rows = new MapSqlParameterSource[events.size()];
		for (int i = 0; i < rows.length; i++) {
			rows[i] = row(events.get(i), issues.get(i), now);
		}
		if (rows.length == 1) {
			jdbc.sql(INSERT).paramSource(rows[0]).update(); // a batch of one event: no JDBC batch needed
		}
		else {
			batch.batchUpdate(INSERT, rows);
		}
	}

	private static MapSqlParameterSource row(ErrorEvent event, long issue, Instant now) {
		ErrorEvent.RequestInfo request = event.request();
		return new MapSqlParameterSource().addValue("eventId", event.eventId()).addValue("project", event.projectId())
				.addValue("issue", issue).addValue("occurredAt", ts(event.timestamp() == null ? now : event.timestamp()))
				.addValue("receivedAt", ts(now)).addValue("level", event.level())
				.addValue("platform", cut(event.platform(), 32)).addValue("message", cut(event.message(), 4000))
				.addValue("exceptions", JSON.writeValueAsString(event.exceptions()))
				.addValue("release", cut(event.release(), 200)).addValue("environment", cut(event.environment(), 64))
				.addValue("serverName", cut(event.serverName(), 200))
				.addValue("method", request == null ? null : cut(request.method(), 16))
				.addValue("route", request == null ? null : cut(request.route(), 500))
				.addValue("requestId", request == null ? null : cut(request.requestId(), 64))
				.addValue("accountId", cut(event.accountId(), 128))
				.addValue("tags", JSON.writeValueAsString(event.tags()));
	}

	/** Deletes all but the newest {@code keep} events of the issue. */
	void trim(long issue, int keep) {
		// the ids first, then deleted by their primary key: in one statement (DELETE … WHERE id < (SELECT MIN(id) FROM
		// (… LIMIT :keep))) H2 evaluated the subquery again for every row of the issue, and with "issue_id = :issue
		// AND id <= :newest" it walked the primary key over older rows of every issue; either was a quarter or more
		// of the CPU of storing a batch
		List<Long> ids = jdbc.sql(TO_DROP).param("issue", issue).param("keep", keep).query(Long.class).list();
		for (int from = 0; from < ids.size(); from += 1_000) {
			jdbc.sql(DROP).param("ids", ids.subList(from, Math.min(ids.size(), from + 1_000))).update();
		}
	}

	List<StoredEvent> recent(long issue, int limit) {
		return jdbc.sql(RECENT).param("issue", issue).param("limit", limit).query(ROW).list();
	}

	List<StoredEvent> ofAccount(String account) {
		return jdbc.sql(OF_ACCOUNT).param("account", account).query(ROW).list();
	}

	static String cut(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}

	private static List<ErrorEvent.ExceptionInfo> exceptions(String json) {
		return json == null ? List.of() : JSON.readValue(json, new TypeReference<List<ErrorEvent.ExceptionInfo>>() {
		});
	}

	private static Map<String, String> tags(String json) {
		return json == null ? Map.of() : JSON.readValue(json, new TypeReference<Map<String, String>>() {
		});
	}
}
