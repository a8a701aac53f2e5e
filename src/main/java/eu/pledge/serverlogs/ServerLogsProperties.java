package eu.pledge.serverlogs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import eu.pledge.shared.PositiveDuration;

/**
 * Where the server logs go and how long they live. Nothing is clamped: a retention other than configured
 * would make the privacy notice lie.
 *
 * @param directory where the access log and the application log are written ({@code ${pledge.data-dir}/logs}
 *        by default, set in application.yml)
 * @param retention how long a day's log file is kept after that day ended; whole days (the files are daily)
 * @param accessLogEnabled whether requests are logged and published at all ({@code false} only to measure its
 *        cost: the error tracker and the security monitor then see no requests)
 * @param maxFileSize a day's file rolls over early (index {@code .1}, {@code .2}, …) when it reaches this size
 * @param totalSizeCap the most disk the archived files of each log (access, application) may take; the oldest
 *        go first when it is exceeded
 * @param queueSize requests waiting to be written and published; when full, further ones are dropped (counted)
 *        rather than making a request wait
 * @param sweepInterval how often this node deletes its own expired log files (Logback deletes only when it
 *        rolls over, and only a limited number of days back)
 * @param nodeId this node's name among the nodes sharing the database; empty: the host name and a hash of the
 *        log directory, stable across restarts (a node that returns must find the work left for it)
 * @param heartbeatInterval how often this node reports its log files; one silent for four intervals counts as
 *        down (an export does not wait for it)
 * @param taskInterval how often this node looks for work the others left for its files (exports, erasures)
 * @param exportWait how long an export waits for the other live nodes' lines before it says which did not answer
 */
@Validated
@ConfigurationProperties("pledge.serverlogs")
record ServerLogsProperties(@NotNull Path directory, @PositiveDuration @DefaultValue("60d") Duration retention,
		@DefaultValue("true") boolean accessLogEnabled, @DefaultValue("100MB") DataSize maxFileSize,
		@DefaultValue("5GB") DataSize totalSizeCap, @Min(16) @Max(1_000_000) @DefaultValue("8192") int queueSize,
		@PositiveDuration @DefaultValue("1h") Duration sweepInterval, @DefaultValue("") String nodeId,
		@PositiveDuration @DefaultValue("15s") Duration heartbeatInterval,
		@PositiveDuration @DefaultValue("1s") Duration taskInterval,
		@PositiveDuration @DefaultValue("10s") Duration exportWait) {

	ServerLogsProperties {
		Objects.requireNonNull(maxFileSize, "pledge.serverlogs.max-file-size must be set");
		Objects.requireNonNull(totalSizeCap, "pledge.serverlogs.total-size-cap must be set");
		if (maxFileSize.toBytes() < 1024 || totalSizeCap.compareTo(maxFileSize) < 0) {
			throw new IllegalArgumentException("pledge.serverlogs.max-file-size (" + maxFileSize
					+ ") must be at least 1KB and at most pledge.serverlogs.total-size-cap (" + totalSizeCap + ")");
		}
		if (nodeId == null || nodeId.length() > 100 || !nodeId.matches("[A-Za-z0-9._:-]*")) {
			throw new IllegalArgumentException(
					"pledge.serverlogs.node-id must be at most 100 letters, digits, '.', '_', ':' or '-'");
		}
	}

	/** The files are daily; holds while the retention is missing, which {@code @PositiveDuration} reports. */
	@AssertTrue(message = "pledge.serverlogs.retention must be a whole number of days")
	boolean isRetentionWholeDays() {
		return retention == null || retention.toSeconds() % 86_400 == 0 && retention.getNano() == 0;
	}

	int retentionDays() {
		return (int) retention.toDays();
	}
}
