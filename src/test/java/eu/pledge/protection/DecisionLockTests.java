package eu.pledge.protection;

import static org.assertj.core.api.Assertions.assertThat;

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

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The lock row that serialises the decisions about one address holds even while the purge deletes it: a decision
 * made between the purge's delete and the next insert still waits for the one before it.
 */
@SpringBootTest
@ActiveProfiles("test")
class DecisionLockTests {

	@Autowired
	DecisionRecords records;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void fortyHoldersOfOneAddressNeverOverlapWhileThePurgeKeepsDeletingTheirLockRow() throws Exception {
		ClientAddress address = ClientAddress.parse(TestSubjects.ipv4(), 64).orElseThrow();
		TransactionTemplate transaction = new TransactionTemplate(transactions);
		AtomicInteger inside = new AtomicInteger();
		AtomicInteger mostAtOnce = new AtomicInteger();
		AtomicBoolean purging = new AtomicBoolean(true);
		int threads = 40;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
		try {
			// Each holder's lock row expires at once, so the purge may delete it the moment its holder commits.
			Future<Integer> purge = pool.submit(() -> {
				start.await();
				int deleted = 0;
				while (purging.get()) {
					deleted += transaction.execute(status -> records.deleteExpired(Instant.now()));
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
							records.lock(address, now, now);
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
			assertThat(purge.get(30, TimeUnit.SECONDS)).as("lock rows the purge deleted meanwhile").isPositive();
		}
		finally {
			purging.set(false);
			pool.shutdownNow();
		}
		assertThat(mostAtOnce).as("holders of the address's lock at the same moment").hasValue(1);
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
