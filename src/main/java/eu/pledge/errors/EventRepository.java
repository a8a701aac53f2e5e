package eu.pledge.errors;

import static eu.pledge.errors.IssueRepository.instant;
import static eu.pledge.errors.IssueRepository.ts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
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
	private static final String ISSUE_OF = "SELECT issue_id FROM error_events WHERE project_id = :project AND event_id = :eventId";
	private static final String TRIM = """
			DELETE FROM error_events WHERE issue_id = :issue AND id < (
			  SELECT MIN(id) FROM (SELECT id FROM error_events WHERE issue_id = :issue ORDER BY id DESC LIMIT :keep) newest)""";
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

	EventRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Long> issueOf(long project, String eventId) {
		return jdbc.sql(ISSUE_OF).param("project", project).param("eventId", eventId).query(Long.class).optional();
	}

	void insert(ErrorEvent event, long issue, Instant now) {
		ErrorEvent.RequestInfo request = event.request();
		jdbc.sql(INSERT).param("eventId", event.eventId()).param("project", event.projectId()).param("issue", issue)
				.param("occurredAt", ts(event.timestamp() == null ? now : event.timestamp()))
				.param("receivedAt", ts(now)).param("level", event.level()).param("platform", cut(event.platform(), 32))
				.param("message", cut(event.message(), 4000)).param("exceptions", JSON.writeValueAsString(event.exceptions()))
				.param("release", cut(event.release(), 200)).param("environment", cut(event.environment(), 64))
				.param("serverName", cut(event.serverName(), 200))
				.param("method", request == null ? null : cut(request.method(), 16))
				.param("route", request == null ? null : cut(request.route(), 500))
				.param("requestId", request == null ? null : cut(request.requestId(), 64))
				.param("accountId", cut(event.accountId(), 128)).param("tags", JSON.writeValueAsString(event.tags()))
				.update();
	}

	/** Deletes all but the newest {@code keep} events of the issue. */
	void trim(long issue, int keep) {
		jdbc.sql(TRIM).param("issue", issue).param("keep", keep).update();
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
