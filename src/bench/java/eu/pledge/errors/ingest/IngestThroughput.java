package eu.pledge.errors.ingest;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.sun.management.ThreadMXBean;

import eu.pledge.PledgeApplication;
import eu.pledge.errors.tracker.ErrorEvent;
import eu.pledge.errors.tracker.Tracker;
import eu.pledge.errors.tracker.TrackerQueue;
import eu.pledge.shared.AccountId;
import tools.jackson.databind.ObjectMapper;

/**
 * Where an ingested event's time goes, without HTTP (run by {@code bench/ingest.sh}; not a test): boots Pledge
 * on a fresh H2 file database, then measures per event (a) reading an envelope and converting its event into
 * an {@link ErrorEvent} (what the HTTP thread does besides HTTP), (b) {@link Tracker#capture} one event at a
 * time and (c) {@link Tracker#captureAll} with batches as the ingest workers drain them, as events per second
 * and CPU time per event of the threads doing it.
 * <p>
 * usage: IngestThroughput THREADS WARMUP_SECONDS SECONDS VARIANTS [STEPS]
 * <p>
 * STEPS: which of the measurements to run, e.g. {@code c} for the batched store only (default: {@code abc}).
 */
public final class IngestThroughput {

	private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

	public static void main(String[] args) throws Exception {
		int threads = Integer.parseInt(args[0]);
		int warmup = Integer.parseInt(args[1]);
		int seconds = Integer.parseInt(args[2]);
		int variants = Integer.parseInt(args[3]);
		String steps = args.length > 4 ? args[4] : "abc";
		Path dataDir = Files.createTempDirectory("pledge-ingest-throughput");
		String[] arguments = { "--pledge.data-dir=" + dataDir, "--server.port=-1", "--server.address=127.0.0.1",
				"--pledge.base-url=http://127.0.0.1", "--logging.level.root=WARN" };
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PledgeApplication.class)
				.web(WebApplicationType.SERVLET).initializers(eu.pledge.testing.SecondNode::withoutTestClasses).run(arguments)) {
			ObjectMapper json = context.getBean(ObjectMapper.class);
			Tracker tracker = context.getBean(Tracker.class);
			long project = context.getBean(ProjectKeys.class).create(AccountId.random(), "Throughput", null).projectId();
			List<byte[]> bodies = new ArrayList<>();
			for (int v = 0; v < variants; v++) {
				bodies.add(envelope(v));
			}
			System.out.printf("envelope size: %d bytes%n", bodies.get(0).length);
			// the issues exist before the threads start, as in a running installation (and two threads creating
			// the same new issues at once in H2 would mostly measure the retries of that race)
			List<ErrorEvent> first = new ArrayList<>();
			for (byte[] body : bodies) {
				first.add(convert(json, body, project));
			}
			tracker.captureAll(first);
			if (steps.contains("a")) run("(a) envelope read + event conversion", 1, warmup, seconds, i -> {
				convert(json, bodies.get(i % variants), project);
				return 1;
			});
			if (steps.contains("b")) run("(b) Tracker.capture (H2)", threads, warmup, seconds, i -> {
				tracker.capture(convert(json, bodies.get(i % variants), project));
				return 1;
			});
			if (steps.contains("c")) run("(c) Tracker.captureAll, 100 a batch (H2)", threads, warmup, seconds, i -> {
				List<ErrorEvent> batch = new ArrayList<>(BATCH);
				for (int k = 0; k < BATCH; k++) {
					batch.add(convert(json, bodies.get((i * BATCH + k) % variants), project));
				}
				tracker.captureAll(batch);
				return BATCH;
			});
		}
		finally {
			try (var files = Files.walk(dataDir)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
	}

	private static ErrorEvent convert(ObjectMapper json, byte[] body, long project) {
		Envelopes.Envelope envelope = Envelopes.read(json, body);
		Envelopes.Item item = envelope.items().get(0);
		return SentryEvents.parse(SentryEvents.read(json, item.body(), item.offset(), item.length()), null, project, Instant.now());
	}

	private static final int BATCH = TrackerQueue.BATCH;

	/** Does the i-th piece of work and says how many events it was. */
	interface Step {
		int run(int i);
	}

	private static void run(String name, int threads, int warmup, int seconds, Step step) throws InterruptedException {
		AtomicBoolean measuring = new AtomicBoolean();
		AtomicBoolean stop = new AtomicBoolean();
		LongAdder done = new LongAdder();
		LongAdder cpuNanos = new LongAdder();
		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int offset = t * 7;
			Thread worker = new Thread(() -> {
				int i = offset;
				long cpuStart = -1;
				while (!stop.get()) {
					if (cpuStart < 0 && measuring.get()) {
						cpuStart = THREADS.getCurrentThreadCpuTime();
					}
					int events = step.run(i++);
					if (cpuStart >= 0) {
						done.add(events);
					}
				}
				cpuNanos.add(THREADS.getCurrentThreadCpuTime() - cpuStart);
			});
			workers.add(worker);
			worker.start();
		}
		Thread.sleep(warmup * 1000L);
		long start = System.nanoTime();
		measuring.set(true);
		Thread.sleep(seconds * 1000L);
		stop.set(true);
		double elapsed = (System.nanoTime() - start) / 1e9;
		for (Thread worker : workers) {
			worker.join();
		}
		long n = Math.max(1, done.sum());
		System.out.printf("%-40s %d threads: %8.0f events/s, %7.0f us CPU per event%n", name, threads, n / elapsed,
				cpuNanos.sum() / 1e3 / n);
	}

	static byte[] envelope(int v) {
		StringBuilder frames = new StringBuilder("[");
		String[] classes = { "java.lang.Thread", "org.apache.tomcat.util.threads.ThreadPoolExecutor$Worker",
				"org.apache.catalina.core.StandardWrapperValve", "org.springframework.web.servlet.DispatcherServlet",
				"org.springframework.web.servlet.FrameworkServlet",
				"org.springframework.web.method.support.InvocableHandlerMethod", "com.vendor.billing.web.InvoiceController",
				"com.vendor.billing.InvoiceService", "com.vendor.billing.InvoiceService",
				"com.vendor.billing.mail.InvoiceMailer", "com.vendor.billing.mail.SmtpGateway",
				"com.vendor.billing.mail.SmtpGateway" };
		for (int i = 0; i < classes.length; i++) {
			String simple = classes[i].replaceAll(".*[.$]", "");
			frames.append(i == 0 ? "" : ",").append(String.format(
					"{\"module\":\"%s\",\"function\":\"call%d\",\"filename\":\"%s.java\",\"lineno\":%d,\"in_app\":%s}",
					classes[i], i + 1, simple, 107 + i * 7 + v, classes[i].startsWith("com.vendor")));
		}
		frames.append("]");
		String event = String.format("{\"platform\":\"java\",\"level\":\"error\",\"release\":\"billing@4.2.%d\","
				+ "\"environment\":\"production\",\"server_name\":\"billing-1\",\"timestamp\":%d,"
				+ "\"tags\":{\"region\":\"eu-west\",\"tenant\":\"t-%d\"},\"user\":{\"id\":\"u-%d\"},"
				+ "\"request\":{\"method\":\"POST\",\"url\":\"https://billing.example/invoices/%d/send\"},"
				+ "\"exception\":{\"values\":[{\"type\":\"SocketException\",\"module\":\"java.net\","
				+ "\"value\":\"Connection reset by peer\",\"stacktrace\":{\"frames\":%s}},"
				+ "{\"type\":\"InvoiceDeliveryException%d\",\"module\":\"com.vendor.billing\","
				+ "\"value\":\"Invoice %d could not be sent\",\"stacktrace\":{\"frames\":%s}}]}}",
				v % 3, Instant.now().getEpochSecond(), v, v, 1000 + v, frames, v, 1000 + v, frames);
		return ("{\"sent_at\":\"2026-05-01T10:00:00Z\"}\n{\"type\":\"event\",\"content_type\":\"application/json\"}\n"
				+ event + "\n").getBytes(StandardCharsets.UTF_8);
	}
}
