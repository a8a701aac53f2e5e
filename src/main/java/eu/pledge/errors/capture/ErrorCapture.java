package eu.pledge.errors.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

import eu.pledge.errors.tracker.CaptureGuard;
import eu.pledge.errors.tracker.ErrorEvent;
import eu.pledge.errors.tracker.ErrorsProperties;
import eu.pledge.errors.tracker.Tracker;

/**
 * Captures Pledge's own errors: a Logback appender, attached to the root logger at start-up (in code, so the
 * logging configuration stays the server logs' business), turns every ERROR event into an error event on the
 * logging thread and hands it to a bounded queue; one worker thread stores them. Logging never blocks and
 * never fails: a full queue drops the event (counted), and errors while storing errors are not captured.
 * Unhandled exceptions reach it because the web edge logs them at ERROR, once, with the exception.
 */
@Component
class ErrorCapture implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ErrorCapture.class);
	static final String APPENDER_NAME = "CODANA";
	private static final int BATCH = 100;

	private final Tracker tracker;
	private final ErrorsProperties properties;
	private final String release;
	private final String serverName = System.getenv("HOSTNAME");
	private final BlockingQueue<ErrorEvent> queue;
	private final AtomicLong dropped = new AtomicLong();
	private final AtomicInteger inFlight = new AtomicInteger();
	private volatile Appender appender;
	private volatile Thread worker;

	ErrorCapture(Tracker tracker, ErrorsProperties properties, ObjectProvider<BuildProperties> build,
			ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters) {
		this.tracker = tracker;
		this.properties = properties;
		this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
		this.release = release(properties, build.getIfAvailable());
		meters.ifAvailable(registry -> {
			io.micrometer.core.instrument.FunctionCounter.builder("pledge.errors.capture.dropped", dropped, AtomicLong::get)
					.description("ERROR log events not captured because the queue was full").register(registry);
			io.micrometer.core.instrument.Gauge.builder("pledge.errors.capture.pending", this, ErrorCapture::pending)
					.description("ERROR log events waiting to be stored").register(registry);
		});
	}

	/** The configured release, else the build's version, else the jar's; null when none is known. */
	static String release(ErrorsProperties properties, BuildProperties build) {
		if (!properties.release().isBlank()) {
			return properties.release().trim();
		}
		if (build != null && build.getVersion() != null) {
			return build.getVersion();
		}
		return ErrorCapture.class.getPackage().getImplementationVersion();
	}

	String release() {
		return release;
	}

	@Override
	public void start() {
		if (!properties.capture()) {
			return;
		}
		Thread thread = new Thread(this::work, "codana-capture");
		thread.setDaemon(true);
		worker = thread;
		thread.start();
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		Appender created = new Appender();
		created.setContext(context);
		created.setName(APPENDER_NAME);
		created.start();
		context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(created);
		appender = created;
	}

	@Override
	public void stop() {
		Appender current = appender;
		if (current != null) {
			((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
					.detachAppender(current);
			current.stop();
			appender = null;
		}
		Thread thread = worker;
		if (thread != null) {
			worker = null;
			thread.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return appender != null;
	}

	/** Hands an event to the worker; false (and counted) when the queue is full. */
	boolean offer(ErrorEvent event) {
		if (queue.offer(event)) {
			return true;
		}
		dropped.incrementAndGet();
		return false;
	}

	long dropped() {
		return dropped.get();
	}

	/** Events waiting or being stored right now. */
	int pending() {
		return queue.size() + inFlight.get();
	}

	private void work() {
		CaptureGuard.enter(); // this thread never captures what it logs itself
		List<ErrorEvent> batch = new ArrayList<>(BATCH);
		while (worker == Thread.currentThread()) {
			ErrorEvent event;
			try {
				event = queue.poll(1, TimeUnit.SECONDS);
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

	/** The batch in one transaction; should that fail, each event on its own (one bad event costs only itself). */
	private void store(List<ErrorEvent> batch) {
		if (batch.size() > 1) {
			try {
				tracker.captureAll(batch);
				return;
			}
			catch (RuntimeException ex) {
				log.debug("A batch of {} error events failed ({}); storing them one by one", batch.size(),
						ex.getClass().getName());
			}
		}
		for (ErrorEvent event : batch) {
			try {
				tracker.capture(event);
			}
			catch (RuntimeException ex) {
				log.warn("An error event could not be stored ({}); it is dropped", ex.getClass().getName());
			}
		}
	}

	/** Runs on the logging thread: builds the event there (the request context lives there), then queues it. */
	private final class Appender extends AppenderBase<ILoggingEvent> {

		@Override
		protected void append(ILoggingEvent event) {
			if (!event.getLevel().isGreaterOrEqual(Level.ERROR) || CaptureGuard.active()) {
				return;
			}
			boolean was = CaptureGuard.enter();
			try {
				offer(LoggedErrors.toEvent(event, release, properties.environment(), serverName));
			}
			catch (RuntimeException ex) {
				dropped.incrementAndGet(); // never let capture break logging
			}
			finally {
				CaptureGuard.leave(was);
			}
		}
	}
}
