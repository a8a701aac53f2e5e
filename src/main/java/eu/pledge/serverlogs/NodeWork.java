package eu.pledge.serverlogs;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import eu.pledge.shared.AccountId;

/**
 * This node's part in the cluster's server logs: it reports its log files, and does the work other nodes left
 * for its files (a person's lines for an export, an erasure). At start-up, before the web server takes a
 * request, it deletes its expired files and does every erasure left for it while it was down.
 */
@Component
class NodeWork implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(NodeWork.class);
	/** An export's request or answer nobody collected (its asker died) is deleted after this. */
	private static final Duration STALE_EXPORT = Duration.ofHours(1);

	private final LogNodes nodes;
	private final LogTasks tasks;
	private final LogFileHolder files;
	private final LogRetention retention;
	private final ServerLogsProperties properties;
	private final Clock clock;
	private volatile boolean running;

	NodeWork(LogNodes nodes, LogTasks tasks, LogFileHolder files, LogRetention retention,
			ServerLogsProperties properties, Clock clock) {
		this.nodes = nodes;
		this.tasks = tasks;
		this.files = files;
		this.retention = retention;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void start() {
		Instant now = clock.instant();
		long expired = retention.sweep(now);
		nodes.report(inventory(), true, now);
		int done = work();
		running = true;
		if (expired > 0 || done > 0) {
			log.info("Before serving: deleted {} expired log files, did {} tasks left for this node", expired, done);
		}
	}

	/** After the web server has stopped: other nodes' exports no longer wait for this one's lines. */
	@Override
	public void stop() {
		running = false;
		try {
			nodes.stopped();
		}
		catch (RuntimeException ex) {
			log.warn("Could not record that this node stops: {}", ex.getClass().getName());
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Well before the web server (which starts in one of the last phases). */
	@Override
	public int getPhase() {
		return 0;
	}

	@Scheduled(fixedDelayString = "${pledge.serverlogs.heartbeat-interval:15s}", initialDelayString = "${pledge.serverlogs.heartbeat-interval:15s}")
	void heartbeat() {
		try {
			Instant now = clock.instant();
			nodes.report(inventory(), false, now);
			List<String> forgotten = nodes.forgetSilentSince(now.minus(properties.retention()).minus(Duration.ofDays(1)));
			tasks.deleteOfNodes(forgotten);
			tasks.deleteStaleExports(now.minus(STALE_EXPORT));
			if (!forgotten.isEmpty()) {
				log.info("Forgot {} server log nodes silent for longer than the retention: {}", forgotten.size(), forgotten);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Server log heartbeat failed: {}", ex.getClass().getName());
		}
	}

	@Scheduled(fixedDelayString = "${pledge.serverlogs.task-interval:1s}")
	void workRegularly() {
		if (!running) {
			return;
		}
		try {
			work();
		}
		catch (RuntimeException ex) {
			log.warn("Server log tasks not done now: {}", ex.getClass().getName());
		}
	}

	/** Does the work left for this node; erasures first, all in one pass over the files. Returns how many tasks. */
	int work() {
		List<LogTasks.Task> open = tasks.openFor(nodes.self());
		Set<AccountId> erase = new HashSet<>();
		List<Long> erasures = new ArrayList<>();
		for (LogTasks.Task task : open) {
			if (LogTasks.ERASE.equals(task.kind())) {
				erase.add(task.account());
				erasures.add(task.id());
			}
		}
		if (!erase.isEmpty()) {
			files.eraseHere(erase);
			tasks.delete(erasures); // the confirmation
		}
		for (LogTasks.Task task : open) {
			if (LogTasks.EXPORT.equals(task.kind())) {
				tasks.answer(task.id(), OtherNodes.answer(files.linesOf(task.account())), clock.instant());
			}
		}
		return open.size();
	}

	private LogNodes.Inventory inventory() {
		try {
			List<LogFiles.DatedFile> dated = LogFiles.dated(properties.directory());
			LocalDate oldest = dated.stream().map(LogFiles.DatedFile::day).min(LocalDate::compareTo).orElse(null);
			return new LogNodes.Inventory(dated.size(), oldest, true);
		}
		catch (IOException ex) {
			return new LogNodes.Inventory(0, null, false);
		}
	}
}
