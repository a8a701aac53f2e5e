package eu.pledge.serverlogs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;

/**
 * Writes access log lines and publishes {@link RequestCompleted}, off the request's thread: a request only
 * offers its record to a bounded queue (never waits; a full queue drops and counts). One background thread
 * writes each line to {@code access.json} and then publishes the event.
 * <p>
 * The files are Logback's (daily rollover in UTC, {@code .gz} at rollover, size cap, {@code maxHistory} days),
 * but in a Logback context of their own rather than the application's: Spring Boot reconfigures the global
 * one, and every application context in one JVM (tests) keeps its own files.
 */
class AccessLog implements DisposableBean {

	static final String ACTIVE_FILE = "access.json";
	static final long PAUSE_MILLIS = 10;

	private static final org.slf4j.Logger log = LoggerFactory.getLogger(AccessLog.class);

	private final LoggerContext logback = new LoggerContext();
	private final RollingFileAppender<ILoggingEvent> file;
	private final Path activeFile;
	private final Logger lines;
	private final ApplicationEventPublisher events;
	private final BlockingQueue<RequestCompleted> queue;
	private final ReentrantLock writing = new ReentrantLock();
	private final AtomicLong dropped = new AtomicLong();
	private final AtomicLong pending = new AtomicLong();
	private final Thread worker;
	private final int capacity;
	private final int batchLimit;
	private volatile boolean running = true;
	private volatile Instant failingSince;

	AccessLog(ServerLogsProperties properties, ApplicationEventPublisher events) {
		this.events = events;
		this.queue = new ArrayBlockingQueue<>(properties.queueSize());
		this.capacity = properties.queueSize();
		this.batchLimit = Math.max(1, capacity / 4);
		try {
			Files.createDirectories(properties.directory());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("pledge.serverlogs.directory cannot be created", ex);
		}
		this.file = rollingFile(logback, properties.directory(), properties);
		this.activeFile = properties.directory().resolve(ACTIVE_FILE);
		// One write system call per batch rather than per line: the worker flushes after each batch.
		file.setImmediateFlush(false);
		this.lines = logback.getLogger("access");
		lines.setLevel(Level.INFO);
		lines.setAdditive(false);
		lines.addAppender(file);
		this.worker = new Thread(this::work, "access-log");
		worker.setDaemon(true);
		worker.start();
	}

	/**
	 * The access log's appender: what Logback does with the files. Package-visible so that tests can check
	 * Logback's rollover, compression and cleanup semantics on exactly this configuration.
	 */
	static RollingFileAppender<ILoggingEvent> rollingFile(LoggerContext context, Path directory,
			ServerLogsProperties properties) {
		if (context.getMDCAdapter() == null) {
			context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // a line has no MDC, but Logback asks
		}
		RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
		appender.setContext(context);
		appender.setName("access-log");
		appender.setFile(directory.resolve(ACTIVE_FILE).toString());
		appender.setAppend(true); // O_APPEND: erasure may rewrite the active file in place between two lines
		SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
		policy.setContext(context);
		policy.setParent(appender);
		policy.setFileNamePattern(directory.resolve(ACTIVE_FILE) + ".%d{yyyy-MM-dd,UTC}.%i.gz");
		policy.setMaxFileSize(new FileSize(properties.maxFileSize().toBytes()));
		policy.setMaxHistory(properties.retentionDays()); // periods, i.e. days with this pattern
		policy.setTotalSizeCap(new FileSize(properties.totalSizeCap().toBytes()));
		policy.setCleanHistoryOnStart(true);
		policy.start();
		appender.setRollingPolicy(policy);
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(context);
		encoder.setPattern("%msg%n");
		encoder.setCharset(java.nio.charset.StandardCharsets.UTF_8);
		encoder.start();
		appender.setEncoder(encoder);
		appender.start();
		return appender;
	}

	/** Never blocks, never throws: a full queue drops the record (counted, reported now and then). */
	void offer(RequestCompleted request) {
		pending.incrementAndGet();
		if (!queue.offer(request)) {
			pending.decrementAndGet();
			long count = dropped.incrementAndGet();
			if (Long.bitCount(count) == 1) { // 1, 2, 4, 8, …: a hint, not a flood
				log.warn("Access log queue full: {} requests dropped so far", count);
			}
		}
	}

	/** Runs {@code action} while no line is being written, e.g. to rewrite the files. */
	<T> T whileNotWriting(Supplier<T> action) {
		writing.lock();
		try {
			flush();
			return action.get();
		}
		finally {
			writing.unlock();
		}
	}

	/** Waits (a short while at most) until every record offered so far is written and published. */
	boolean drain(long timeoutMillis) throws InterruptedException {
		long end = System.currentTimeMillis() + timeoutMillis;
		while (pending.get() > 0) {
			if (System.currentTimeMillis() > end) {
				return false;
			}
			TimeUnit.MILLISECONDS.sleep(5);
		}
		return true;
	}

	long dropped() {
		return dropped.get();
	}

	private void work() {
		List<RequestCompleted> batch = new ArrayList<>();
		while (running || !queue.isEmpty()) {
			RequestCompleted first;
			try {
				first = queue.poll(200, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				continue; // stop() interrupts; finish what is queued first
			}
			if (first == null) {
				continue;
			}
			batch.add(first);
			queue.drainTo(batch, batchLimit - 1);
			write(batch);
			batch.forEach(this::publish);
			boolean fallingBehind = batch.size() >= batchLimit;
			batch.clear();
			if (running && !fallingBehind) {
				pause();
			}
		}
	}

	private void write(List<RequestCompleted> batch) {
		writing.lock();
		try {
			long sizeBefore = activeSize();
			for (RequestCompleted request : batch) {
				try {
					lines.info(AccessLogLine.of(request));
				}
				catch (RuntimeException ex) {
					log.warn("Access log line not written: {}", ex.getClass().getName());
				}
			}
			flush();
			noteWhetherWritten(sizeBefore);
		}
		finally {
			writing.unlock();
		}
	}

	private void publish(RequestCompleted request) {
		try {
			events.publishEvent(request);
		}
		catch (VirtualMachineError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			// A listener's failure is its own; the next event goes out as usual.
			log.warn("A RequestCompleted listener failed: {}", ex.getClass().getName());
		}
		finally {
			pending.decrementAndGet();
		}
	}

	/**
	 * Lets requests gather for a moment after a batch, so that under load the writer wakes up about a hundred
	 * times a second rather than once per request: every wake-up is a context switch for this thread and a
	 * signal for the request's, which cost more CPU than the line itself (docs/PERFORMANCE.md). Skipped after a
	 * batch of a quarter of the queue, so a small {@code queue-size} is not overrun.
	 */
	private void pause() {
		try {
			TimeUnit.MILLISECONDS.sleep(PAUSE_MILLIS);
		}
		catch (InterruptedException ex) {
			// stop() interrupts; the loop ends once the queue is empty
		}
	}

	/**
	 * Logback does not throw when a line cannot be written (a full disk, say): it drops lines until a retry
	 * succeeds, and reports only the first few failures as status messages. What shows a failure for sure is
	 * that the active file did not change although a batch was written and flushed.
	 */
	private void noteWhetherWritten(long sizeBefore) {
		if (activeSize() != sizeBefore) {
			failingSince = null;
		}
		else if (failingSince == null) {
			failingSince = Instant.now();
		}
	}

	private long activeSize() {
		try {
			return Files.size(activeFile);
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/** Since when the files cannot be written (a full disk, say), if they cannot; lines meanwhile are lost. */
	Optional<Instant> failingSince() {
		return Optional.ofNullable(failingSince);
	}

	private void flush() {
		try {
			java.io.OutputStream out = file.getOutputStream();
			if (out != null) {
				out.flush();
			}
		}
		catch (IOException ex) {
			log.warn("Access log not flushed: {}", ex.getClass().getName());
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		running = false;
		worker.interrupt();
		worker.join(5_000);
		logback.stop();
	}
}
