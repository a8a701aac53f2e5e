package eu.pledge.patrol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A key's escalation row serialises the rule's answers to it, and holds even while the purge deletes it: a
 * detection judged between the purge's delete and the next insert still waits for the one before it, and fails
 * for none.
 */
@SpringBootTest
@ActiveProfiles("test")
class OffenderLockTests {

	@Autowired
	Offenders offenders;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void fortyJudgementsOfOneKeyNeverOverlapWhileThePurgeKeepsDeletingItsRow() throws Exception {
		String key = UUID.randomUUID().toString();
		TransactionTemplate transaction = new TransactionTemplate(transactions);
		AtomicInteger inside = new AtomicInteger();
		AtomicInteger mostAtOnce = new AtomicInteger();
		AtomicBoolean purging = new AtomicBoolean(true);
		int threads = 40;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
		try {
			// Each judgement leaves the row expiring at once, so the purge may delete it the moment it commits.
			Future<Integer> purge = pool.submit(() -> {
				start.await();
				int deleted = 0;
				while (purging.get()) {
					deleted += transaction.execute(status -> offenders.deleteExpired(Instant.now()));
				}
				return deleted;
			});
			List<Future<Void>> holders = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				holders.add(pool.submit(() -> {
					start.await();
					for (int i = 0; i < 10; i++) {
						transaction.executeWithoutResult(status -> {
							Instant now = Instant.now();
							offenders.lock("test-rule", key, now, now);
							mostAtOnce.accumulateAndGet(inside.incrementAndGet(), Math::max);
							pause();
							inside.decrementAndGet();
						});
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<Void> holder : holders) {
				holder.get(120, TimeUnit.SECONDS);
			}
			purging.set(false);
			assertThat(purge.get(30, TimeUnit.SECONDS)).as("rows the purge deleted meanwhile").isPositive();
		}
		finally {
			purging.set(false);
			pool.shutdownNow();
		}
		assertThat(mostAtOnce).as("judgements of the key at the same moment").hasValue(1);
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
