package eu.pledge.patrol;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Takes detections from the sensors without making them wait and judges them on one thread of its own, in
 * arrival order. The queue is bounded ({@code pledge.patrol.queue}): under a flood the surplus is dropped and
 * counted ({@code pledge.patrol.detections{outcome=dropped}}) rather than held in memory. What counts across
 * nodes and restarts is in the database, not in the queue.
 */
@Component
class Patrol implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(Patrol.class);

	private final Judge judge;
	private final ThreadPoolExecutor worker;
	private final Counter judged;
	private final Counter dropped;

	Patrol(Judge judge, PatrolProperties properties, ObjectProvider<MeterRegistry> meters) {
		this.judge = judge;
		MeterRegistry registry = meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
		this.judged = registry.counter("pledge.patrol.detections", "outcome", "judged");
		this.dropped = registry.counter("pledge.patrol.detections", "outcome", "dropped");
		this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(properties.queue()),
				runnable -> {
					Thread thread = new Thread(runnable, "patrol");
					thread.setDaemon(true);
					return thread;
				}, (runnable, executor) -> dropped.increment());
	}

	/** Queues a detection for judgement; never blocks, never throws. */
	void report(Detection detection) {
		worker.execute(() -> {
			try {
				judge.judge(detection);
				judged.increment();
			}
			catch (RuntimeException ex) {
				// The class and the point only: the message of a database error may quote the address.
				log.warn("Could not judge a {} detection: {}", detection.point().id(), ex.getClass().getName());
			}
		});
	}

	@Override
	public void destroy() throws InterruptedException {
		worker.shutdown();
		worker.awaitTermination(5, TimeUnit.SECONDS);
	}
}
