package eu.pledge.errors.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import eu.pledge.errors.tracker.ErrorEvent;
import eu.pledge.errors.tracker.ErrorsHttpTest;
import eu.pledge.errors.tracker.TrackerQueue;

/**
 * Not part of the suite (the name does not end in Tests): run with {@code -Dtest=CaptureBenchmark}, on H2 or
 * with the PostgreSQL URL. Prints what one ERROR log call costs the logging thread and how many events per
 * second the tracker stores (docs/PERFORMANCE.md).
 */
class CaptureBenchmark extends ErrorsHttpTest {

	private static final Logger log = LoggerFactory.getLogger("eu.pledge.bench.Bench");

	@Autowired
	ErrorCapture capture;

	@Test
	void measure() throws Exception {
		String run = unique("Bench");
		for (int i = 0; i < 300; i++) { // warm-up
			tracker.capture(message(run + " warm " + letters(i % 10), "1.0.0"));
		}

		int existing = 3000;
		long start = System.nanoTime();
		for (int i = 0; i < existing; i++) {
			tracker.capture(event(new IllegalStateException(run + " existing " + letters(i % 20)), "1.0.0"));
		}
		double existingPerSecond = existing / seconds(start);

		int fresh = 300;
		start = System.nanoTime();
		for (int i = 0; i < fresh; i++) {
			tracker.capture(message(run + " new " + letters(i), "1.0.0"));
		}
		double newPerSecond = fresh / seconds(start);

		int batches = 30;
		start = System.nanoTime();
		for (int b = 0; b < batches; b++) {
			List<ErrorEvent> batch = new ArrayList<>(TrackerQueue.BATCH);
			for (int i = 0; i < TrackerQueue.BATCH; i++) {
				batch.add(event(new IllegalStateException(run + " existing " + letters(i % 20)), "1.0.0"));
			}
			tracker.captureAll(batch);
		}
		double batchedPerSecond = batches * TrackerQueue.BATCH / seconds(start);

		int threads = 4;
		int perThread = 750;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<?>> done = new ArrayList<>();
		start = System.nanoTime();
		for (int t = 0; t < threads; t++) {
			done.add(pool.submit(() -> {
				for (int i = 0; i < perThread; i++) {
					tracker.capture(event(new IllegalStateException(run + " parallel " + letters(i % 20)), "1.0.0"));
				}
			}));
		}
		for (Future<?> f : done) {
			f.get();
		}
		double parallelPerSecond = threads * perThread / seconds(start);
		pool.shutdown();

		int logged = 2000;
		long dropsBefore = capture.dropped();
		IllegalStateException thrown = new IllegalStateException("logged");
		start = System.nanoTime();
		for (int i = 0; i < logged; i++) {
			log.error(run + " logged " + letters(i % 20), thrown);
		}
		double microsPerLog = (System.nanoTime() - start) / 1000.0 / logged;
		System.out.printf("%nBENCH capture, existing issues: %.0f events/s (1 thread)%n", existingPerSecond);
		System.out.printf("BENCH capture, new issues: %.0f issues/s (1 thread)%n", newPerSecond);
		System.out.printf("BENCH captureAll, existing issues, %d a batch: %.0f events/s (1 thread)%n", TrackerQueue.BATCH,
				batchedPerSecond);
		System.out.printf("BENCH capture, existing issues, %d threads: %.0f events/s%n", threads, parallelPerSecond);
		System.out.printf("BENCH log.error on the calling thread (with console logging): %.1f µs per call%n", microsPerLog);
		long queueStart = System.nanoTime();
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(5)).until(() -> capture.pending() == 0);
		double drainPerSecond = logged / seconds(start);

		System.out.printf("BENCH queue drained (appender → worker → stored): %.0f events/s; dropped %d%n", drainPerSecond,
				capture.dropped() - dropsBefore);
		assertThat(existingPerSecond).isPositive();
	}

	private static double seconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e9;
	}

	private static String letters(int n) {
		return "" + (char) ('a' + n / 26 % 26) + (char) ('a' + n % 26);
	}
}
