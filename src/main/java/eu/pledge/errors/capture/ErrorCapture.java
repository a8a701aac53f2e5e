package eu.pledge.errors.capture;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

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
import eu.pledge.errors.tracker.TrackerQueue;

/**
 * Captures Pledge's own errors: a Logback appender, attached to the root logger at start-up (in code, so the
 * logging configuration stays the server logs' business), turns every ERROR event into an error event on the
 * logging thread and hands it to a bounded {@link TrackerQueue}; one worker thread stores them. Logging never
 * blocks and never fails: a full queue drops the event (counted), and errors while storing errors are not
 * captured. On stop, what is still queued is not waited for (logged as lost).
 * Unhandled exceptions reach it because the web edge logs them at ERROR, once, with the exception.
 */
@Component
class ErrorCapture implements SmartLifecycle {

	static final String APPENDER_NAME = "CODANA";

	private final ErrorsProperties properties;
	private final String release;
	private final String serverName = System.getenv("HOSTNAME");
	private final TrackerQueue queue;
	private final AtomicLong dropped = new AtomicLong();
	private volatile Appender appender;

	ErrorCapture(Tracker tracker, ErrorsProperties properties, ObjectProvider<BuildProperties> build,
			ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters) {
		this.properties = properties;
		this.queue = new TrackerQueue("codana-capture", 1, properties.queueCapacity(), tracker,
				TrackerQueue.UNCOUNTED, TrackerQueue.UNCOUNTED);
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
		queue.start();
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
		queue.stop(Duration.ZERO);
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
		return queue.pending();
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
