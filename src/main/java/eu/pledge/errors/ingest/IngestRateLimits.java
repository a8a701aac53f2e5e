package eu.pledge.errors.ingest;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * Events per project and minute, counted in fixed clock-minute windows on this node (with N nodes a project
 * may send up to N times the limit; the limit protects each node, not a quota). Lock-free: one counter per
 * project, replaced when the minute turns.
 */
@Component
class IngestRateLimits {

	private record Window(long minute, AtomicLong count) {
	}

	private final ConcurrentMap<Long, Window> windows = new ConcurrentHashMap<>();
	private final Clock clock;
	private final long perMinute;

	IngestRateLimits(Clock clock, IngestProperties properties) {
		this.clock = clock;
		this.perMinute = properties.eventsPerMinute();
	}

	/** Takes {@code events} from the project's allowance: 0 when they may pass, else seconds until they may. */
	long acquire(long projectId, int events) {
		long millis = clock.millis();
		long minute = millis / 60_000;
		Window window = windows.compute(projectId,
				(id, current) -> current == null || current.minute() != minute ? new Window(minute, new AtomicLong()) : current);
		if (window.count().addAndGet(events) <= perMinute) {
			return 0;
		}
		window.count().addAndGet(-events); // refused events do not use up the allowance
		return Math.max(1, (minute + 1) * 60_000 - millis + 999) / 1000;
	}
}
