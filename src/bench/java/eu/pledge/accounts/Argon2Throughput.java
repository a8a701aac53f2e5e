package eu.pledge.accounts;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;


/**
 * Raw Argon2id verifications per second with the given cost, through the very {@link PasswordHasher} that
 * sign-in uses, on one thread per core. Used by {@code bench/login.sh}
 * as the ceiling that password logins over HTTP are compared with. Not a test: it has a main and no @Test.
 *
 * <p>Arguments: {@code memoryKib iterations parallelism [threads] [warmupSeconds] [measureSeconds]}. The last
 * lines of output are {@code verifications/s <number>} and {@code cpu-us/verification <number>} (process CPU
 * time per verification, which other load on the machine disturbs less than the rate), for the script to read.
 */
public final class Argon2Throughput {

	private Argon2Throughput() {
	}

	public static void main(String[] args) throws InterruptedException {
		if (args.length < 3) {
			System.err.println("usage: Argon2Throughput memoryKib iterations parallelism [threads] [warmup-s] [measure-s]");
			System.exit(2);
		}
		int memoryKib = Integer.parseInt(args[0]);
		int iterations = Integer.parseInt(args[1]);
		int parallelism = Integer.parseInt(args[2]);
		int threads = args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
		double warmupSeconds = args.length > 4 ? Double.parseDouble(args[4]) : 3;
		double measureSeconds = args.length > 5 ? Double.parseDouble(args[5]) : 15;

		PasswordHasher encoder = new PasswordHasher(
				new PasswordProperties(12, 256, new PasswordProperties.Argon2(memoryKib, iterations, parallelism)));
		String password = "bench-password-" + System.nanoTime();
		String hash = encoder.hash(password);
		if (!encoder.matches(password, hash)) {
			throw new IllegalStateException("the encoder does not verify its own hash");
		}
		System.out.printf("Argon2id m=%d KiB t=%d p=%d, %d threads, warm-up %.0f s, measuring %.0f s%n", memoryKib,
				iterations, parallelism, threads, warmupSeconds, measureSeconds);

		AtomicBoolean measuring = new AtomicBoolean();
		AtomicBoolean stop = new AtomicBoolean();
		LongAdder verified = new LongAdder();
		List<Thread> workers = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			Thread worker = new Thread(() -> {
				while (!stop.get()) {
					if (!encoder.matches(password, hash)) {
						throw new IllegalStateException("verification failed");
					}
					if (measuring.get()) {
						verified.increment();
					}
				}
			}, "argon2-" + i);
			worker.start();
			workers.add(worker);
		}
		Thread.sleep((long) (warmupSeconds * 1000));
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		long cpuStart = os.getProcessCpuTime();
		long start = System.nanoTime();
		measuring.set(true);
		Thread.sleep((long) (measureSeconds * 1000));
		measuring.set(false);
		long elapsed = System.nanoTime() - start;
		long count = verified.sum();
		long cpu = os.getProcessCpuTime() - cpuStart;
		stop.set(true);
		for (Thread worker : workers) {
			worker.join();
		}
		System.out.printf("verifications/s %.1f%n", count / (elapsed / 1e9));
		System.out.printf("cpu-us/verification %.0f%n", count == 0 ? 0 : cpu / 1e3 / count);
	}
}
