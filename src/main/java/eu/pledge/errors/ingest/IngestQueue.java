package eu.pledge.errors.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import eu.pledge.errors.tracker.ErrorEvent;
import eu.pledge.errors.tracker.Tracker;

/**
 * Between answering a sender and storing its event, as Sentry's own ingest does: the HTTP thread validates
 * and parses, puts the event here and answers at once; worker threads hand the events to the {@link Tracker}.
 * A full queue is back-pressure (the ingest answers 503 and the SDK drops or retries), never an unbounded
 * heap. On shutdown the workers store what is queued for at most 10 s and the rest is counted as lost (one
 * log line); a crash loses what is queued.
 */
@Component
class IngestQueue implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(IngestQueue.class);

	/** At most this many queued events are stored in one transaction. */
	static final int BATCH = 100;

	private final BlockingQueue<ErrorEvent> queue;
	private final Tracker tracker;
	private final List<Thread> workers = new ArrayList<>();
	private final Counter stored;
	private final Counter failed;
	private volatile boolean running = true;
	private volatile long drainUntil = Long.MAX_VALUE;

	IngestQueue(Tracker tracker, IngestProperties properties, MeterRegistry meters) {
		this.tracker = tracker;
		this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
		this.stored = meters.counter("pledge.errors.ingest.events", "outcome", "stored");
		this.failed = meters.counter("pledge.errors.ingest.events", "outcome", "failed");
		meters.gauge("pledge.errors.ingest.queued", queue, BlockingQueue::size);
		for (int i = 0; i < properties.workers(); i++) {
			Thread worker = new Thread(this::work, "error-ingest-" + i);
			worker.setDaemon(true);
			workers.add(worker);
			worker.start();
		}
	}

	/** False when the queue is full. */
	boolean offer(ErrorEvent event) {
		return running && queue.offer(event);
	}

	private void work() {
		List<ErrorEvent> batch = new ArrayList<>(BATCH);
		while (running || (!queue.isEmpty() && System.nanoTime() - drainUntil < 0)) {
			ErrorEvent event;
			try {
				event = queue.poll(200, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			if (event != null) {
				batch.add(event);
				queue.drainTo(batch, BATCH - 1);
				captureAll(batch);
				batch.clear();
			}
		}
	}

	/** One transaction for the batch; should it fail, each event on its own, so one bad event costs only itself. */
	private void captureAll(List<ErrorEvent> batch) {
		if (batch.size() > 1) {
			try {
				tracker.captureAll(batch);
				stored.increment(batch.size());
				return;
			}
			catch (RuntimeException ex) {
				log.debug("A batch of {} ingested events failed ({}); storing them one by one", batch.size(),
						ex.getClass().getName());
			}
		}
		batch.forEach(this::capture);
	}

	private void capture(ErrorEvent event) {
		try {
			tracker.capture(event);
			stored.increment();
		}
		catch (RuntimeException ex) {
			failed.increment();
			// The class only: an exception message may quote the event, which is not scrubbed yet.
			log.warn("Could not store ingested event {} of project {}: {}", event.eventId(), event.projectId(),
					ex.getClass().getName());
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		drainUntil = System.nanoTime() + 10_000_000_000L;
		running = false;
		for (Thread worker : workers) {
			worker.join(11_000);
		}
		int lost = queue.size();
		queue.clear();
		if (lost > 0) {
			log.warn("{} ingested events were accepted but not stored before shutdown", lost);
		}
	}
}
