package eu.pledge.serverlogs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import eu.pledge.privacy.spi.RetentionRule;

/**
 * Deletes log files whose day ended more than {@code pledge.serverlogs.retention} ago, by the day in their name.
 * Logback deletes old files too, but only when it rolls over or starts, and then only about 32 days further
 * back than its {@code maxHistory}: a file from a longer downtime, or planted by a restore, would stay for
 * ever. Log files live on each node's own disk, so every node runs this on its own schedule; the privacy
 * sweeper calls it as well (on whichever node it runs).
 */
@Component
class LogRetention implements RetentionRule {

	private static final Logger log = LoggerFactory.getLogger(LogRetention.class);

	private final ServerLogsProperties properties;
	private final Clock clock;

	LogRetention(ServerLogsProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public String name() {
		return "server-logs";
	}

	@Override
	public String category() {
		return "server-logs";
	}

	@Override
	public long sweep(Instant now) {
		LocalDate lastExpiredDay = lastExpiredDay(now);
		long deleted = 0;
		try {
			for (LogFiles.DatedFile file : LogFiles.dated(properties.directory())) {
				if (!file.day().isAfter(lastExpiredDay) && delete(file)) {
					deleted++;
				}
			}
		}
		catch (IOException ex) {
			log.warn("Log directory not readable for the retention sweep: {}", ex.getClass().getName());
		}
		return deleted;
	}

	/** A day's file goes once that day ended {@code retention} ago: its newest line is then that old. */
	LocalDate lastExpiredDay(Instant now) {
		return LocalDate.ofInstant(now.minus(properties.retention()), ZoneOffset.UTC).minusDays(1);
	}

	@Scheduled(fixedDelayString = "${pledge.serverlogs.sweep-interval:1h}", initialDelayString = "1m")
	void sweepOnThisNode() {
		long deleted = sweep(clock.instant());
		if (deleted > 0) {
			log.info("Deleted {} expired log files", deleted);
		}
	}

	private static boolean delete(LogFiles.DatedFile file) {
		try {
			return Files.deleteIfExists(file.path());
		}
		catch (NoSuchFileException ex) {
			return false;
		}
		catch (IOException ex) {
			log.warn("Expired log file not deleted: {}", ex.getClass().getName());
			return false;
		}
	}
}
