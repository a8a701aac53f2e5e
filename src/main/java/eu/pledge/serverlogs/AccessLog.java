package eu.pledge.serverlogs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

	private static final org.slf4j.Logger log = LoggerFactory.getLogger(AccessLog.class);

	private final LoggerContext logback = new LoggerContext();
	private final RollingFileAppender<ILoggingEvent> file;
	private final Logger lines;
	private final ApplicationEventPublisher events;
	private final BlockingQueue<RequestCompleted> queue;
	private final ReentrantLock writing = new ReentrantLock();
	private final AtomicLong dropped = new AtomicLong();
	private final AtomicLong pending = new AtomicLong();
	private final Thread worker;
	private volatile boolean running = true;

	AccessLog(ServerLogsProperties properties, ApplicationEventPublisher events) {
		this.events = events;
		this.queue = new ArrayBlockingQueue<>(properties.queueSize());
		try {
			Files.createDirectories(properties.directory());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("pledge.serverlogs.directory cannot be created", ex);
		}
		this.file = rollingFile(logback, properties.directory(), properties);
		// One write system call per burst rather than per line: the worker flushes whenever the queue is empty.
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
		while (running || !queue.isEmpty()) {
			RequestCompleted request;
			try {
				request = queue.poll(200, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				continue; // stop() interrupts; finish what is queued first
			}
			if (request == null) {
				continue;
			}
			writing.lock();
			try {
				lines.info(AccessLogLine.of(request));
				if (queue.isEmpty()) {
					flush();
				}
			}
			catch (RuntimeException ex) {
				log.warn("Access log line not written: {}", ex.getClass().getName());
			}
			finally {
				writing.unlock();
			}
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
