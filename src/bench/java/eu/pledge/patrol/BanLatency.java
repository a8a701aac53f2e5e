package eu.pledge.patrol;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Detection→response latency for bench/patrol.sh: from a honeytrap request on node A to the ban in force on node A
 * (the node that saw it) and on node B (another node on the same database). Each sample is a new address: send
 * {@code GET /.env} to A, then ask A and B, each on its own thread, for {@code /actuator/health} from that
 * address every 2 ms until they answer 429. A background thread keeps both nodes busy from an address of its own
 * (as real traffic would), so B looks for changes on its own schedule, not when the probe first asks it; a random
 * pause between samples spreads the honeytraps over that schedule. Prints p50, p99 and max of both, in ms.
 * <p>
 * usage: BanLatency BASE_A BASE_B SAMPLES FIRST_OCTETS (e.g. 198.18, the samples take FIRST_OCTETS.x.y)
 */
public final class BanLatency {

	private static final Duration GIVE_UP = Duration.ofSeconds(20);
	/** Between two asks of one node: the resolution, and little enough load that the judge is not starved. */
	private static final int POLL_MILLIS = 2;
	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5)).build();

	public static void main(String[] args) throws Exception {
		String a = args[0];
		String b = args[1];
		int samples = Integer.parseInt(args[2]);
		String prefix = args[3];
		AtomicBoolean running = new AtomicBoolean(true);
		Thread background = new Thread(() -> {
			while (running.get()) {
				status(a, "/actuator/health", prefix + ".255.254");
				status(b, "/actuator/health", prefix + ".255.254");
				pause(5);
			}
		});
		background.setDaemon(true);
		background.start();
		List<Double> here = new ArrayList<>();
		List<Double> there = new ArrayList<>();
		for (int i = 0; i < samples; i++) {
			String address = prefix + "." + (i / 250) + "." + (1 + i % 250);
			pause(ThreadLocalRandom.current().nextInt(100, 1100));
			long start = System.nanoTime();
			int trap = status(a, "/.env", address);
			if (trap == 429) {
				throw new IllegalStateException("the address of sample " + i + " was banned before its honeytrap");
			}
			Waiter onB = new Waiter(b, address, start);
			Thread waitB = new Thread(onB);
			waitB.start();
			Waiter onA = new Waiter(a, address, start);
			onA.run();
			waitB.join();
			if (Double.isNaN(onA.millis) || Double.isNaN(onB.millis)) {
				throw new IllegalStateException("sample " + i + " was not banned on " + (Double.isNaN(onA.millis) ? "A" : "B")
						+ " within " + GIVE_UP);
			}
			here.add(onA.millis);
			there.add(onB.millis);
		}
		running.set(false);
		background.join();
		System.out.println(line("same-node", here));
		System.out.println(line("other-node", there));
	}

	private static String line(String name, List<Double> millis) {
		List<Double> sorted = new ArrayList<>(millis);
		Collections.sort(sorted);
		return String.format(Locale.ROOT, "%s p50 %.1f p99 %.1f max %.1f n %d", name, percentile(sorted, 50),
				percentile(sorted, 99), sorted.get(sorted.size() - 1), sorted.size());
	}

	/** Nearest rank. */
	private static double percentile(List<Double> sorted, int p) {
		int rank = (int) Math.ceil(p / 100.0 * sorted.size());
		return sorted.get(Math.max(0, rank - 1));
	}

	/** Asks one node until it turns the address away; the time from the honeytrap, in ms. */
	private static final class Waiter implements Runnable {

		private final String base;
		private final String address;
		private final long start;
		double millis;

		Waiter(String base, String address, long start) {
			this.base = base;
			this.address = address;
			this.start = start;
		}

		@Override
		public void run() {
			while (status(base, "/actuator/health", address) != 429) {
				if (System.nanoTime() - start > GIVE_UP.toNanos()) {
					millis = Double.NaN; // reported by main: an exception here would die with the thread
					return;
				}
				pause(POLL_MILLIS);
			}
			millis = (System.nanoTime() - start) / 1e6;
		}
	}

	private static int status(String base, String path, String address) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("X-Forwarded-For", address)
				.timeout(Duration.ofSeconds(10)).build();
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void pause(int millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
