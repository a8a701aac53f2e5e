package eu.pledge.serverlogs;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import eu.pledge.privacy.spi.ComplianceCheck;

/**
 * "Server logs are rotated and eventually cleared", on every node: no node reported a log file of a day past
 * the retention (a node that is down still holds what it last reported), every node's log directory was
 * readable, and every node confirmed the erasures left for it within four heartbeats.
 */
@Component
class NodesCheck implements ComplianceCheck {

	private final LogNodes nodes;
	private final LogTasks tasks;
	private final LogRetention retention;
	private final ServerLogsProperties properties;

	NodesCheck(LogNodes nodes, LogTasks tasks, LogRetention retention, ServerLogsProperties properties) {
		this.nodes = nodes;
		this.tasks = tasks;
		this.retention = retention;
		this.properties = properties;
	}

	@Override
	public String promise() {
		return "server-logs-cleared-on-every-node";
	}

	@Override
	public Result check(Instant now) {
		List<LogNodes.Node> all = nodes.all();
		// A node deletes its expired files once per sweep interval and reports once per heartbeat.
		LocalDate lastExpired = retention.lastExpiredDay(now.minus(properties.sweepInterval())
				.minus(properties.heartbeatInterval()));
		Map<String, LogTasks.Unconfirmed> unconfirmed = tasks.unconfirmedErasures(
				now.minus(properties.heartbeatInterval().multipliedBy(LogNodes.MISSED_HEARTBEATS)));
		List<String> problems = new ArrayList<>();
		long files = 0;
		for (LogNodes.Node node : all) {
			files += node.files();
			String down = node.liveAt(now, properties) ? "" : " (down since " + node.heartbeatAt() + ")";
			if (!node.readable()) {
				problems.add("node " + node.id() + " could not read its log directory" + down);
			}
			if (node.oldestDay() != null && !node.oldestDay().isAfter(lastExpired)) {
				problems.add("node " + node.id() + " holds log files of " + node.oldestDay() + ", past the "
						+ properties.retentionDays() + "-day retention" + down);
			}
			LogTasks.Unconfirmed open = unconfirmed.get(node.id());
			if (open != null) {
				problems.add("node " + node.id() + " has not confirmed " + open.erasures() + " erasures (oldest asked "
						+ open.oldest() + ")" + down);
			}
		}
		if (!problems.isEmpty()) {
			return Result.fail(String.join("; ", problems));
		}
		return Result.pass(all.size() + " nodes, " + files + " archived log files, none past the "
				+ properties.retentionDays() + "-day retention; every erasure confirmed");
	}
}
