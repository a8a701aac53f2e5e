package eu.pledge.errors.ingest;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import eu.pledge.shared.PositiveDuration;

/**
 * The Sentry-compatible ingest's limits, checked at start-up.
 *
 * @param maxCompressedSize the largest request body as sent (gzip or deflate included); larger ones get 413
 * @param maxSize the largest body after decompression; larger ones get 413
 * @param eventsPerMinute events each project may send per minute (per node); more get 429 with Retry-After
 * @param queueCapacity events accepted but not yet stored; when full the ingest answers 503 (back-pressure)
 * @param workers threads that hand accepted events to the tracker
 * @param keyRefresh how often each node re-reads the project keys (a change made on this node applies at once)
 */
@Validated
@ConfigurationProperties("pledge.errors.ingest")
record IngestProperties(@NotNull @DefaultValue("1MB") DataSize maxCompressedSize,
		@NotNull @DefaultValue("10MB") DataSize maxSize, @DefaultValue("60000") int eventsPerMinute,
		@DefaultValue("10000") int queueCapacity, @DefaultValue("2") int workers,
		@PositiveDuration @DefaultValue("30s") Duration keyRefresh) {

	IngestProperties {
		if (maxCompressedSize == null || maxCompressedSize.toBytes() < 1024 || maxCompressedSize.toBytes() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("pledge.errors.ingest.max-compressed-size must be between 1KB and 2GB");
		}
		if (maxSize == null || maxSize.toBytes() < maxCompressedSize.toBytes() || maxSize.toBytes() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException(
					"pledge.errors.ingest.max-size must be at least max-compressed-size and at most 2GB");
		}
		if (eventsPerMinute < 1) {
			throw new IllegalArgumentException("pledge.errors.ingest.events-per-minute must be at least 1");
		}
		if (queueCapacity < 1) {
			throw new IllegalArgumentException("pledge.errors.ingest.queue-capacity must be at least 1");
		}
		if (workers < 1 || workers > 64) {
			throw new IllegalArgumentException("pledge.errors.ingest.workers must be between 1 and 64");
		}
	}
}
