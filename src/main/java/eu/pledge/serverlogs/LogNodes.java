package eu.pledge.serverlogs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import eu.pledge.shared.Tokens;

/**
 * The nodes that write server logs, each to its own disk, and what each last reported of its log directory.
 * A node reports every {@code heartbeat-interval}; one silent for four intervals counts as down, and one
 * silent for longer than the retention is forgotten (every file it could still hold has expired, and it
 * deletes them when it returns, before it serves).
 */
@Repository
class LogNodes {

	/** Heartbeats a node may miss before it counts as down. */
	static final int MISSED_HEARTBEATS = 4;

	private static final String UPDATE = """
			UPDATE serverlogs_nodes SET heartbeat_at = :now, files = :files, oldest_day = :oldest, readable = :readable,
				stopped = FALSE
			WHERE node_id = :node
			""";
	private static final String INSERT = """
			INSERT INTO serverlogs_nodes (node_id, started_at, heartbeat_at, files, oldest_day, readable)
			VALUES (:node, :now, :now, :files, :oldest, :readable)
			ON CONFLICT DO NOTHING
			""";
	private static final String STARTED = "UPDATE serverlogs_nodes SET started_at = :now WHERE node_id = :node";
	private static final String ALL = """
			SELECT node_id, started_at, heartbeat_at, files, oldest_day, readable, stopped FROM serverlogs_nodes
			ORDER BY node_id
			""";
	private static final String STOPPED = "UPDATE serverlogs_nodes SET stopped = TRUE WHERE node_id = :node";
	private static final String FORGET = "DELETE FROM serverlogs_nodes WHERE heartbeat_at < :cutoff AND node_id <> :self";

	private final JdbcClient jdbc;
	private final ServerLogsProperties properties;
	private final String self;

	LogNodes(JdbcClient jdbc, ServerLogsProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.self = properties.nodeId().isEmpty() ? defaultId(properties.directory()) : properties.nodeId();
	}

	/** This node's id. */
	String self() {
		return self;
	}

	/** The host's name and a hash of the log directory: stable across restarts, distinct per directory. */
	private static String defaultId(Path directory) {
		String host = System.getenv("HOSTNAME");
		if (host == null || host.isBlank()) {
			try {
				host = InetAddress.getLocalHost().getHostName();
			}
			catch (UnknownHostException ex) {
				host = "node";
			}
		}
		host = host.replaceAll("[^A-Za-z0-9.-]", "-");
		String hash = Tokens.sha256(directory.toAbsolutePath().normalize().toString());
		return host.substring(0, Math.min(host.length(), 80)) + "-" + hash.substring(0, 8);
	}

	/** What a node's log directory holds: how many dated files, the oldest day among them. */
	record Inventory(int files, LocalDate oldestDay, boolean readable) {
	}

	/** @param stopped the node shut down (and has not reported since) */
	record Node(String id, Instant startedAt, Instant heartbeatAt, int files, LocalDate oldestDay, boolean readable,
			boolean stopped) {

		boolean liveAt(Instant now, ServerLogsProperties properties) {
			return !stopped
					&& heartbeatAt.isAfter(now.minus(properties.heartbeatInterval().multipliedBy(MISSED_HEARTBEATS)));
		}
	}

	/** Records that this node is shutting down: nobody waits for its answers until it reports again. */
	void stopped() {
		jdbc.sql(STOPPED).param("node", self).update();
	}

	/** Records this node's report; {@code starting}: the node is (re)starting now. */
	void report(Inventory inventory, boolean starting, Instant now) {
		String node = self;
		JdbcClient.StatementSpec update = jdbc.sql(UPDATE).param("node", node).param("now", at(now))
				.param("files", inventory.files()).param("oldest", inventory.oldestDay())
				.param("readable", inventory.readable());
		if (update.update() == 0) {
			jdbc.sql(INSERT).param("node", node).param("now", at(now)).param("files", inventory.files())
					.param("oldest", inventory.oldestDay()).param("readable", inventory.readable()).update();
		}
		else if (starting) {
			jdbc.sql(STARTED).param("node", node).param("now", at(now)).update();
		}
	}

	List<Node> all() {
		return jdbc.sql(ALL).query(LogNodes::node).list();
	}

	/** The other nodes that reported recently enough to be asked and waited for. */
	List<String> liveOthers(Instant now) {
		return all().stream().filter(node -> !node.id().equals(self) && node.liveAt(now, properties))
				.map(Node::id).toList();
	}

	/** Every other node known, down or not: each must erase its own files. */
	List<String> others() {
		return all().stream().map(Node::id).filter(id -> !id.equals(self)).toList();
	}

	/** Forgets the nodes silent since before {@code cutoff}; returns their ids. */
	List<String> forgetSilentSince(Instant cutoff) {
		List<String> silent = all().stream()
				.filter(node -> !node.id().equals(self) && node.heartbeatAt().isBefore(cutoff)).map(Node::id).toList();
		if (!silent.isEmpty()) {
			jdbc.sql(FORGET).param("cutoff", at(cutoff)).param("self", self).update();
		}
		return silent;
	}

	private static Node node(ResultSet rs, int row) throws SQLException {
		return new Node(rs.getString("node_id"), rs.getObject("started_at", OffsetDateTime.class).toInstant(),
				rs.getObject("heartbeat_at", OffsetDateTime.class).toInstant(), rs.getInt("files"),
				rs.getObject("oldest_day", LocalDate.class), rs.getBoolean("readable"), rs.getBoolean("stopped"));
	}

	private static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}
}
