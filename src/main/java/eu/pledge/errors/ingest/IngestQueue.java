package eu.pledge.errors.ingest;

import java.time.Duration;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import eu.pledge.errors.tracker.ErrorEvent;
import eu.pledge.errors.tracker.Tracker;
import eu.pledge.errors.tracker.TrackerQueue;

/**
 * Between answering a sender and storing its event, as Sentry's own ingest does: the HTTP thread validates
 * and parses, puts the event here and answers at once; {@code pledge.errors.ingest.workers} threads hand the
 * events to the {@link Tracker} (a {@link TrackerQueue}). A full queue is back-pressure (the ingest answers 503
 * and the SDK drops or retries), never an unbounded heap. On shutdown the workers store what is queued for at
 * most 10 s and the rest is counted as lost (one log line); a crash loses what is queued.
 */
@Component
class IngestQueue implements DisposableBean {

	private static final Duration DRAIN = Duration.ofSeconds(10);

	private final TrackerQueue queue;

	IngestQueue(Tracker tracker, IngestProperties properties, MeterRegistry meters) {
		Counter stored = meters.counter("pledge.errors.ingest.events", "outcome", "stored");
		Counter failed = meters.counter("pledge.errors.ingest.events", "outcome", "failed");
		this.queue = new TrackerQueue("error-ingest", properties.workers(), properties.queueCapacity(), tracker,
				stored::increment, failed::increment);
		meters.gauge("pledge.errors.ingest.queued", queue, TrackerQueue::queued);
		queue.start();
	}

	/** False when the queue is full. */
	boolean offer(ErrorEvent event) {
		return queue.offer(event);
	}

	@Override
	public void destroy() {
		queue.stop(DRAIN);
	}
}
