package eu.pledge.serverlogs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import eu.pledge.privacy.spi.ComplianceCheck;

/**
 * "Server logs are rotated and eventually cleared", read off this node's disk: no archive of the access log or of
 * the application log holds a day past {@code pledge.serverlogs.retention} (by the day in its name, as the
 * deletion counts), and no file being written to was last written longer ago than that (Logback rolls a file over
 * only when it writes to it, so an idle log keeps old lines under its active name). Looks in
 * {@code pledge.serverlogs.directory} and, when {@code logging.file.name} puts the application log elsewhere, in
 * that file's directory. One node interval of slack ({@code pledge.serverlogs.sweep-interval}); a failure names the
 * files. The other nodes report their own directories ({@link NodesCheck}).
 */
@Component
class LogFilesCheck implements ComplianceCheck {

	private final ServerLogsProperties properties;
	private final LogRetention retention;
	private final Environment environment;

	LogFilesCheck(ServerLogsProperties properties, LogRetention retention, Environment environment) {
		this.properties = properties;
		this.retention = retention;
		this.environment = environment;
	}

	@Override
	public String promise() {
		return "server-log-files-cleared-after-retention";
	}

	@Override
	public Result check(Instant now) {
		Instant due = now.minus(properties.sweepInterval());
		LocalDate lastExpiredDay = retention.lastExpiredDay(due);
		Instant lastWrittenLimit = due.minus(properties.retention()).minusSeconds(86_400);
		List<String> old = new ArrayList<>();
		List<String> unreadable = new ArrayList<>();
		long files = 0;
		for (LogSet set : sets()) {
			try {
				for (LogFiles.DatedFile file : LogFiles.dated(set.directory())) {
					if (set.covers(file.path())) {
						files++;
						if (!file.day().isAfter(lastExpiredDay)) {
							old.add(file.path().getFileName().toString());
						}
					}
				}
				for (String active : set.activeFiles()) {
					Path file = set.directory().resolve(active);
					if (Files.isRegularFile(file)) {
						files++;
						if (Files.getLastModifiedTime(file).toInstant().isBefore(lastWrittenLimit)) {
							old.add(active + " (last written " + Files.getLastModifiedTime(file).toInstant() + ")");
						}
					}
				}
			}
			catch (IOException ex) {
				unreadable.add(set.directory().toString());
			}
		}
		String period = "retention " + properties.retentionDays() + " days";
		if (!old.isEmpty() || !unreadable.isEmpty()) {
			return Result.fail((old.isEmpty() ? "" : old.size() + " log files on this node hold days past their period ("
					+ period + "): " + ComplianceCheck.named(old, old.size()))
					+ (unreadable.isEmpty() ? "" : (old.isEmpty() ? "" : "; ") + "not readable: " + String.join(", ", unreadable)));
		}
		return Result.pass("no log file on this node older than its period (" + period + ", " + files
				+ " access and application log files)");
	}

	/** The log directory, and the application log's own directory when {@code logging.file.name} moves it. */
	private List<LogSet> sets() {
		Path directory = properties.directory().toAbsolutePath().normalize();
		String configured = environment.getProperty("logging.file.name");
		Path applicationLog = configured == null || configured.isBlank() ? directory.resolve(ApplicationLogSettings.FILE)
				: Path.of(configured).toAbsolutePath().normalize();
		Path elsewhere = applicationLog.getParent();
		if (elsewhere == null || elsewhere.equals(directory)) {
			return List.of(new LogSet(directory, null,
					List.of(AccessLog.ACTIVE_FILE, applicationLog.getFileName().toString())));
		}
		String name = applicationLog.getFileName().toString();
		return List.of(new LogSet(directory, null, List.of(AccessLog.ACTIVE_FILE)),
				new LogSet(elsewhere, name, List.of(name)));
	}

	/**
	 * @param prefix the only log whose archives count in the directory (a directory that is not ours), or null:
	 *        every dated file of our own directory is a log file
	 */
	private record LogSet(Path directory, String prefix, List<String> activeFiles) {

		boolean covers(Path file) {
			return prefix == null || file.getFileName().toString().startsWith(prefix + ".");
		}
	}
}
