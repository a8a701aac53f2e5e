package eu.pledge.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Forty threads taking hold of one row, ten times each, while a purge thread keeps deleting it: the harness of
 * the tests that prove a row lock serialises its holders even while the row comes and goes. Each holder takes the
 * row with {@code hold} (given the instant, so its row can expire at once and be purged the moment it commits)
 * and stays inside for 2 ms. A holder or the purge that gets no connection within the pool's wait tries that
 * round again ({@link PoolWait}): what is proven here is the row lock, not the pool.
 */
public final class PurgedRowHolders {

	/** @param mostAtOnce the most holders inside at the same moment; @param purged rows the purge deleted */
	public record Outcome(int mostAtOnce, int purged) {
	}

	private static final int THREADS = 40;
	private static final int ROUNDS = 10;

	private PurgedRowHolders() {
	}

	public static Outcome run(PlatformTransactionManager transactions, Consumer<Instant> hold,
			ToIntFunction<Instant> purge) throws Exception {
		TransactionTemplate transaction = new TransactionTemplate(transactions);
		AtomicInteger inside = new AtomicInteger();
		AtomicInteger mostAtOnce = new AtomicInteger();
		AtomicBoolean purging = new AtomicBoolean(true);
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
		try {
			Future<Integer> purger = pool.submit(() -> {
				start.await();
				int deleted = 0;
				while (purging.get()) {
					deleted += PoolWait.retrying(() -> transaction.execute(status -> purge.applyAsInt(Instant.now())));
				}
				return deleted;
			});
			List<Future<Void>> holders = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				holders.add(pool.submit(() -> {
					start.await();
					for (int i = 0; i < ROUNDS; i++) {
						PoolWait.retrying(() -> transaction.execute(status -> {
							hold.accept(Instant.now());
							mostAtOnce.accumulateAndGet(inside.incrementAndGet(), Math::max);
							pause();
							inside.decrementAndGet();
							return 1;
						}));
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<Void> holder : holders) {
				holder.get(120, TimeUnit.SECONDS);
			}
			purging.set(false);
			return new Outcome(mostAtOnce.get(), purger.get(30, TimeUnit.SECONDS));
		}
		finally {
			purging.set(false);
			pool.shutdownNow();
		}
	}

	private static void pause() {
		try {
			Thread.sleep(2);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
