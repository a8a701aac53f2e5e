package eu.pledge.errors.tracker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded queue in front of the {@link Tracker} with its own worker threads; each source (Pledge's own
 * errors, the ingest) has one. Whoever offers an event never waits: a full queue answers false and the source
 * decides (drop and count, or answer 503). The workers drain up to {@value #BATCH} events at a time and store
 * them in one transaction; should that fail, each on its own, so that one bad event costs only itself.
 * <p>
 * The workers are daemon threads and never capture what they log themselves ({@link CaptureGuard}): an error
 * while storing errors (the database is down, say) would otherwise come back through the queue, again and
 * again. On {@link #stop} they store what is queued until the drain time is up; the rest is counted as lost
 * (one log line). A crash loses what is queued.
 */
public final class TrackerQueue {

	private static final Logger log = LoggerFactory.getLogger(TrackerQueue.class);

	/** At most this many queued events are stored in one transaction. */
	public static final int BATCH = 100;

	/** For a source that counts neither stored nor failed events. */
	public static final IntConsumer UNCOUNTED = events -> {
	};

	private final String name;
	private final int threads;
	private final Tracker tracker;
	private final IntConsumer stored;
	private final IntConsumer failed;
	private final BlockingQueue<ErrorEvent> queue;
	private final AtomicInteger inFlight = new AtomicInteger();
	private final List<Thread> workers = new ArrayList<>();
	private volatile boolean running;
	private volatile long drainUntil;

	/**
	 * @param name the threads' name prefix and what the log lines call the events
	 * @param stored told how many events were stored, after each transaction
	 * @param failed told of each event that could not be stored (it is dropped)
	 */
	public TrackerQueue(String name, int threads, int capacity, Tracker tracker, IntConsumer stored, IntConsumer failed) {
		this.name = name;
		this.threads = threads;
		this.tracker = tracker;
		this.stored = stored;
		this.failed = failed;
		this.queue = new ArrayBlockingQueue<>(capacity);
	}

	public synchronized void start() {
		if (running) {
			return;
		}
		running = true;
		drainUntil = Long.MAX_VALUE;
		for (int i = 0; i < threads; i++) {
			Thread worker = new Thread(this::work, name + "-" + i);
			worker.setDaemon(true);
			workers.add(worker);
			worker.start();
		}
	}

	/** Stores what is queued for at most {@code drain}, then drops (and logs the number of) what is left. */
	public void stop(Duration drain) {
		List<Thread> stopping;
		synchronized (this) {
			if (!running) {
				return;
			}
			drainUntil = System.nanoTime() + drain.toNanos();
			running = false;
			stopping = List.copyOf(workers);
			workers.clear();
		}
		try {
			for (Thread worker : stopping) {
				worker.join(drain.toMillis() + 1_000);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		int lost = queue.size();
		queue.clear();
		if (lost > 0) {
			log.warn("{} error events ({}) were accepted but not stored before shutdown", lost, name);
		}
	}

	/** False when the queue is full or the workers are stopped. */
	public boolean offer(ErrorEvent event) {
		return running && queue.offer(event);
	}

	/** Events waiting. */
	public int queued() {
		return queue.size();
	}

	/** Events waiting or being stored right now. */
	public int pending() {
		return queue.size() + inFlight.get();
	}

	private void work() {
		CaptureGuard.enter(); // for the thread's life: this thread never captures what it logs itself
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
			if (event == null) {
				continue;
			}
			inFlight.incrementAndGet(); // before draining, so that pending() never misses an event in between
			batch.add(event);
			inFlight.addAndGet(queue.drainTo(batch, BATCH - 1));
			try {
				store(batch);
			}
			finally {
				inFlight.addAndGet(-batch.size());
				batch.clear();
			}
		}
	}

	/** One transaction for the batch; should it fail, each event on its own. */
	private void store(List<ErrorEvent> batch) {
		if (batch.size() > 1) {
			try {
				tracker.captureAll(batch);
				stored.accept(batch.size());
				return;
			}
			catch (RuntimeException ex) {
				log.debug("A batch of {} error events ({}) failed ({}); storing them one by one", batch.size(), name,
						ex.getClass().getName());
			}
		}
		for (ErrorEvent event : batch) {
			try {
				tracker.capture(event);
				stored.accept(1);
			}
			catch (RuntimeException ex) {
				failed.accept(1);
				// The class only: an exception message may quote the event, which is not scrubbed yet.
				log.warn("Could not store error event {} of project {} ({}); it is dropped: {}", event.eventId(),
						event.projectId(), name, ex.getClass().getName());
			}
		}
	}
}
