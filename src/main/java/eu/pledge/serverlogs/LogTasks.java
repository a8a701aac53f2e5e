package eu.pledge.serverlogs;

import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import eu.pledge.shared.AccountId;

/**
 * Work one node asks of the others on their own log files: a person's lines for an export, or the erasure of
 * a person's lines. An export's answer is deleted as soon as the asking node has read it; an erasure's row
 * is deleted by the node that did it, which is its confirmation.
 */
@Repository
class LogTasks {

	static final String EXPORT = "export";
	static final String ERASE = "erase";

	private static final String INSERT = """
			INSERT INTO serverlogs_tasks (node_id, kind, account_id, requested_at) VALUES (:node, :kind, :account, :now)
			""";
	private static final String OPEN = """
			SELECT id, kind, account_id FROM serverlogs_tasks WHERE node_id = :node AND answered_at IS NULL ORDER BY id
			""";
	private static final String ANSWER = "UPDATE serverlogs_tasks SET answered_at = :now, lines = :lines WHERE id = :id";
	private static final String ANSWERS = "SELECT id, lines FROM serverlogs_tasks WHERE id IN (:ids) AND answered_at IS NOT NULL";
	private static final String DELETE = "DELETE FROM serverlogs_tasks WHERE id IN (:ids)";
	// Answers nobody collected (the asking node died while it waited), and requests a node never took.
	private static final String DELETE_STALE_EXPORTS = """
			DELETE FROM serverlogs_tasks WHERE kind = 'export' AND requested_at < :cutoff
			""";
	private static final String DELETE_OF_NODES = "DELETE FROM serverlogs_tasks WHERE node_id IN (:nodes)";
	private static final String UNCONFIRMED = """
			SELECT node_id, COUNT(*) AS erasures, MIN(requested_at) AS oldest FROM serverlogs_tasks
			WHERE kind = 'erase' AND requested_at < :before GROUP BY node_id
			""";

	private final JdbcClient jdbc;

	LogTasks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Task(long id, String kind, AccountId account) {
	}

	/** Erasures a node has not confirmed, the oldest requested at {@code oldest}. */
	record Unconfirmed(long erasures, Instant oldest) {
	}

	/** Asks each of {@code nodes} for the work; returns the ids of the requests, in the order of the nodes. */
	List<Long> request(String kind, Collection<String> nodes, AccountId account, Instant now) {
		List<Long> ids = new ArrayList<>();
		for (String node : nodes) {
			KeyHolder key = new GeneratedKeyHolder();
			jdbc.sql(INSERT).param("node", node).param("kind", kind).param("account", account.value())
					.param("now", at(now)).update(key, "id");
			ids.add(key.getKeyAs(Number.class).longValue());
		}
		return ids;
	}

	List<Task> openFor(String node) {
		return jdbc.sql(OPEN).param("node", node)
				.query((rs, row) -> new Task(rs.getLong("id"), rs.getString("kind"),
						new AccountId(rs.getObject("account_id", UUID.class))))
				.list();
	}

	void answer(long id, String lines, Instant now) {
		jdbc.sql(ANSWER).param("id", id).param("lines", lines).param("now", at(now)).update();
	}

	/** The answers given so far to the requests {@code ids}, by id. */
	Map<Long, String> answers(Collection<Long> ids) {
		Map<Long, String> answers = new HashMap<>();
		if (!ids.isEmpty()) {
			jdbc.sql(ANSWERS).param("ids", ids).query((ResultSet rs) -> {
				answers.put(rs.getLong("id"), rs.getString("lines"));
			});
		}
		return answers;
	}

	void delete(Collection<Long> ids) {
		if (!ids.isEmpty()) {
			jdbc.sql(DELETE).param("ids", ids).update();
		}
	}

	int deleteStaleExports(Instant cutoff) {
		return jdbc.sql(DELETE_STALE_EXPORTS).param("cutoff", at(cutoff)).update();
	}

	void deleteOfNodes(Collection<String> nodes) {
		if (!nodes.isEmpty()) {
			jdbc.sql(DELETE_OF_NODES).param("nodes", nodes).update();
		}
	}

	/** By node, the erasures requested before {@code before} and not yet confirmed. */
	Map<String, Unconfirmed> unconfirmedErasures(Instant before) {
		Map<String, Unconfirmed> open = new HashMap<>();
		jdbc.sql(UNCONFIRMED).param("before", at(before)).query((ResultSet rs) -> {
			open.put(rs.getString("node_id"), new Unconfirmed(rs.getLong("erasures"),
					rs.getObject("oldest", OffsetDateTime.class).toInstant()));
		});
		return open;
	}

	private static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}
}
