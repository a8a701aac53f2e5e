package eu.pledge.serverlogs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import eu.pledge.privacy.spi.DataStore;
import eu.pledge.privacy.spi.HeldItem;
import eu.pledge.privacy.spi.PersonalDataHolder;
import eu.pledge.shared.AccountId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The access log files as personal data: a person's lines can be exported and erased. Erasure removes every
 * line of the account and, in the lines without an account from the same client addresses (the visits
 * before signing in, registration), the address and user agent; nothing identifying of that person is left
 * in the files. Each node's files are on its own disk: an export asks every other live node for its lines
 * ({@link OtherNodes}), and an erasure leaves the work for every other node in the database, in the erasure's
 * own transaction, which each does within a second or, if it is down, when it returns and before it serves.
 */
@Component
class LogFileHolder implements PersonalDataHolder {

	static final String CATEGORY = "server-logs";

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final Pattern DAY = Pattern.compile("\\.(\\d{4}-\\d{2}-\\d{2})\\.");

	private final ServerLogsProperties properties;
	private final AccessLog accessLog;
	private final OtherNodes otherNodes;

	LogFileHolder(ServerLogsProperties properties, org.springframework.beans.factory.ObjectProvider<AccessLog> accessLog,
			OtherNodes otherNodes) {
		this.properties = properties;
		this.accessLog = accessLog.getIfAvailable();
		this.otherNodes = otherNodes;
	}

	@Override
	public List<DataStore> describe() {
		// The tasks table holds the ids of accounts whose lines a node still has to erase (until a node that is down
		// returns, at most until it is forgotten) and exported lines for the few seconds until they are collected.
		return List.of(new DataStore(CATEGORY, "files:" + properties.directory().resolve(AccessLog.ACTIVE_FILE) + "*",
				properties.retention()),
				new DataStore(CATEGORY, "table:serverlogs_tasks", properties.retention().plusDays(1)));
	}

	@Override
	public List<HeldItem> export(AccountId account) {
		List<HeldItem> items = new ArrayList<>();
		linesOf(account).forEach(line -> items.add(item(line)));
		OtherNodes.Answers others = otherNodes.linesOf(account);
		others.lines().forEach(line -> items.add(item(line)));
		others.unanswered().forEach(node -> items.add(new HeldItem(CATEGORY, "server-logs-node-unanswered",
				Map.of("node", node, "note", "this server did not answer in time: its access log lines are missing"),
				null)));
		return items;
	}

	@Override
	public void erase(AccountId account) {
		eraseHere(Set.of(account));
		otherNodes.erase(account);
	}

	/** One access log line and when the retention removes its file at the latest. */
	record Line(String text, Instant deletedBy) {
		@Override
		public String toString() {
			return "Line[redacted]";
		}
	}

	/** This node's access log lines of the account. */
	List<Line> linesOf(AccountId account) {
		String mark = AccessLogLine.field(AccessLogLine.ACCOUNT_ID, account.toString());
		List<Line> lines = new ArrayList<>();
		locked(() -> {
			for (Path file : LogFiles.accessLog(properties.directory())) {
				Instant deletedBy = deletedBy(file);
				for (String line : LogFiles.readLines(file)) {
					if (line.contains(mark)) {
						lines.add(new Line(line, deletedBy));
					}
				}
			}
		});
		return lines;
	}

	/** Erases the accounts' lines from this node's files, in one pass over them however many accounts. */
	void eraseHere(Set<AccountId> accounts) {
		Set<String> marks = new HashSet<>();
		accounts.forEach(account -> marks.add(AccessLogLine.field(AccessLogLine.ACCOUNT_ID, account.toString())));
		locked(() -> {
			List<Path> files = LogFiles.accessLog(properties.directory());
			Set<String> addresses = new HashSet<>();
			for (Path file : files) {
				for (String line : LogFiles.readLines(file)) {
					if (marks.stream().anyMatch(line::contains)) {
						JsonNode address = JSON.readTree(line).get(AccessLogLine.CLIENT_IP);
						if (address != null && address.isString()) {
							addresses.add(AccessLogLine.field(AccessLogLine.CLIENT_IP, address.asString()));
						}
					}
				}
			}
			for (Path file : files) {
				List<String> lines = LogFiles.readLines(file);
				List<String> kept = new ArrayList<>(lines.size());
				boolean changed = false;
				for (String line : lines) {
					if (marks.stream().anyMatch(line::contains)) {
						changed = true;
					}
					else if (addresses.stream().anyMatch(line::contains)) {
						kept.add(anonymous(line));
						changed = true;
					}
					else {
						kept.add(line);
					}
				}
				if (changed) {
					LogFiles.rewrite(file, kept);
				}
			}
		});
	}

	private static HeldItem item(Line line) {
		return new HeldItem(CATEGORY, "access-log-line", JSON.readValue(line.text(), Map.class), line.deletedBy());
	}

	private static String anonymous(String line) {
		ObjectNode node = (ObjectNode) JSON.readTree(line);
		node.putNull(AccessLogLine.CLIENT_IP);
		node.putNull(AccessLogLine.USER_AGENT);
		return JSON.writeValueAsString(node);
	}

	/** When the retention removes the file at the latest; the active file is today's. */
	private Instant deletedBy(Path file) {
		Matcher day = DAY.matcher(file.getFileName().toString() + ".");
		LocalDate date = day.find() ? LocalDate.parse(day.group(1)) : LocalDate.now(ZoneOffset.UTC);
		return date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(properties.retention());
	}

	private interface FileWork {
		void run() throws IOException;
	}

	/** Lines still queued are written first, and none is written while the files are read or rewritten. */
	private void locked(FileWork work) {
		try {
			if (accessLog != null) {
				accessLog.drain(5_000);
				accessLog.whileNotWriting(() -> {
					run(work);
					return null;
				});
			}
			else {
				run(work);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the access log", ex);
		}
	}

	private static void run(FileWork work) {
		try {
			work.run();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Access log files not readable or writable", ex);
		}
	}
}
