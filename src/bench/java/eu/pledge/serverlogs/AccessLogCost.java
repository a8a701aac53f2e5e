package eu.pledge.serverlogs;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.servlet.FilterChain;

import org.springframework.context.support.StaticApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.unit.DataSize;

/**
 * The CPU time the access log adds to one request, measured in-process with per-thread CPU clocks (which the
 * other load on a shared machine disturbs far less than a throughput figure): both filters on the request's
 * thread (with the {@code http.server.requests} timer the access log records), minus the bare filter chain, plus
 * the writer thread's work per line (JSON, Logback, the file, the {@code RequestCompleted} event with one
 * listener). Used by {@code bench/access-log.sh}. Not a test: it has a main and no @Test.
 *
 * <p>Arguments: {@code [requests-per-round] [rounds]}. The last line is {@code cpu-us/request <number>}.
 */
public final class AccessLogCost {

	private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

	private AccessLogCost() {
	}

	public static void main(String[] args) throws Exception {
		int requests = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
		int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
		Path directory = Files.createTempDirectory("pledge-access-log-cost");
		StaticApplicationContext events = new StaticApplicationContext();
		events.addApplicationListener(event -> {
		});
		events.refresh();
		AccessLog log = new AccessLog(new ServerLogsProperties(directory, Duration.ofDays(60), true,
				DataSize.ofGigabytes(50), DataSize.ofGigabytes(50), 8192, Duration.ofHours(1), "",
				Duration.ofSeconds(15), Duration.ofSeconds(1), Duration.ofSeconds(10)), events);
		AccessLogFilter accessLogFilter = new AccessLogFilter(log,
				new RequestTimers(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()), Clock.systemUTC());
		SignedInAccountFilter accountFilter = new SignedInAccountFilter();
		SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken
				.authenticated(UUID.randomUUID().toString(), null, List.of()));
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/me");
		request.setRemoteAddr("198.51.100.23");
		request.addHeader("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
		org.slf4j.MDC.put("requestId", "abcdefghij0123456789");
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setHeader("Content-Length", "187");
		FilterChain handler = (req, res) -> {
		};
		FilterChain inner = (req, res) -> accountFilter.doFilter(req, res, handler);
		Thread writer = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("access-log"))
				.findFirst().orElseThrow();
		try {
			double best = Double.MAX_VALUE;
			for (int round = 0; round <= rounds; round++) { // round 0 warms up
				long bare = cpu(() -> {
					for (int i = 0; i < requests; i++) {
						handler.doFilter(request, response);
					}
				});
				long writerBefore = CPU.getThreadCpuTime(writer.getId());
				long filtered = cpu(() -> {
					for (int i = 0; i < requests; i++) {
						accessLogFilter.doFilter(request, response, inner);
						if ((i & 1023) == 0) {
							log.drain(10_000); // stay below the queue size: nothing dropped, every line costed
						}
					}
					log.drain(60_000);
				});
				long writerCpu = CPU.getThreadCpuTime(writer.getId()) - writerBefore;
				double perRequest = (filtered - bare + writerCpu) / 1000.0 / requests;
				System.out.printf("round %d: request thread %.2f us, writer %.2f us, total %.2f us per request%s%n",
						round, (filtered - bare) / 1000.0 / requests, writerCpu / 1000.0 / requests, perRequest,
						round == 0 ? " (warm-up)" : "");
				if (round > 0) {
					best = Math.min(best, perRequest);
				}
			}
			Path file = directory.resolve(AccessLog.ACTIVE_FILE);
			log.destroy();
			long lines = (long) requests * (rounds + 1);
			long compression = cpu(() -> {
				try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(
						Files.newOutputStream(directory.resolve("compressed.gz")))) {
					Files.copy(file, out);
				}
			});
			System.out.printf("dropped %d, %d lines, %d bytes; gzip (once a day, at rollover, in the background) "
					+ "%.2f us per line, to %d bytes%n", log.dropped(), lines, Files.size(file),
					compression / 1000.0 / lines, Files.size(directory.resolve("compressed.gz")));
			System.out.printf("cpu-us/request %.2f%n", best);
			System.out.printf("cpu-us/request-with-compression %.2f%n", best + compression / 1000.0 / lines);
		}
		finally {
			log.destroy();
			try (Stream<Path> files = Files.walk(directory)) {
				files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
	}

	private interface Work {
		void run() throws Exception;
	}

	private static long cpu(Work work) throws Exception {
		long start = CPU.getCurrentThreadCpuTime();
		work.run();
		return CPU.getCurrentThreadCpuTime() - start;
	}
}
