package eu.pledge.serverlogs;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A full or unwritable log disk must not stop Pledge: Logback drops the lines and requests go on. This says
 * so where an operator looks, without a line per request: health {@code serverLogs} is {@code DEGRADED}
 * (the node keeps its HTTP 200, so a load balancer does not take every node out at once), and one WARN line
 * a minute goes to the console while it lasts.
 */
@Component("serverLogs")
class LogDiskHealth implements HealthIndicator {

	/** Worse than UP, better than DOWN: serving, but losing its logs. */
	static final Status DEGRADED = new Status("DEGRADED", "server logs cannot be written");

	private static final Logger log = LoggerFactory.getLogger(LogDiskHealth.class);

	private final ServerLogsProperties properties;
	private final ObjectProvider<AccessLog> accessLog;

	LogDiskHealth(ServerLogsProperties properties, ObjectProvider<AccessLog> accessLog) {
		this.properties = properties;
		this.accessLog = accessLog;
	}

	@Override
	public Health health() {
		Optional<Instant> failing = failingSince();
		long usable = usableBytes();
		if (failing.isPresent() || usable == 0) {
			Health.Builder health = Health.status(DEGRADED).withDetail("usableBytes", usable);
			failing.ifPresent(since -> health.withDetail("failingSince", since.toString()));
			return health.build();
		}
		return Health.up().withDetail("usableBytes", usable).build();
	}

	/** The one line a minute while the logs cannot be written. */
	@Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
	void report() {
		Optional<Instant> failing = failingSince();
		long usable = usableBytes();
		if (failing.isPresent() || usable == 0) {
			log.warn("Server logs cannot be written in {} ({} bytes free{}); Pledge goes on serving, log lines are lost",
					properties.directory(), usable, failing.map(since -> ", failing since " + since).orElse(""));
		}
	}

	private Optional<Instant> failingSince() {
		AccessLog access = accessLog.getIfAvailable();
		return access == null ? Optional.empty() : access.failingSince();
	}

	/** Free bytes on the log disk; -1 when that cannot be read. */
	private long usableBytes() {
		try {
			return Files.getFileStore(properties.directory()).getUsableSpace();
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}
}
