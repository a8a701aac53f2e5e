package eu.pledge.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import eu.pledge.protection.RateLimits.Bucket;
import eu.pledge.protection.RateLimits.Decision;
import eu.pledge.protection.RateLimits.Keys;
import eu.pledge.protection.RateLimits.Scope;
import eu.pledge.testing.PoolWait;

/**
 * A shared count whose window ends while it is taken from: the retention sweep deletes the row between a take's
 * statements (the window that ends as the take begins), and the take still answers, allowed or refused, never
 * with an error.
 */
@SpringBootTest
@ActiveProfiles("test")
class RateLimitPurgeRaceTests {

	@Autowired
	RateLimits limits;

	@Autowired
	RateLimitRecords records;

	@Autowired
	PlatformTransactionManager transactions;

	@ParameterizedTest(name = "counting refused units: {0}")
	@ValueSource(booleans = { true, false })
	void fortyTakesWhileThePurgeKeepsDeletingTheirEndedWindowAllGetAnAnswer(boolean countRefused) throws Exception {
		Bucket bucket = limits.bucket(new Bucket("race-" + UUID.randomUUID().toString().substring(0, 8),
				Scope.CLUSTER, Keys.OPAQUE, 1, Duration.ofSeconds(1), countRefused));
		String key = UUID.randomUUID().toString();
		TransactionTemplate transaction = new TransactionTemplate(transactions);
		AtomicBoolean purging = new AtomicBoolean(true);
		CountDownLatch start = new CountDownLatch(1);
		int threads = 40;
		ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
		List<Decision> decisions = new ArrayList<>();
		try {
			Future<Integer> purge = pool.submit(() -> {
				start.await();
				int deleted = 0;
				while (purging.get()) {
					deleted += PoolWait
							.retrying(() -> transaction.execute(status -> records.deleteExpired(Instant.now())));
				}
				return deleted;
			});
			List<Future<List<Decision>>> takers = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				takers.add(pool.submit(() -> {
					start.await();
					List<Decision> mine = new ArrayList<>();
					for (int i = 0; i < 25; i++) {
						// Each new window ends a millisecond after it starts: the purge deletes it almost at once.
						Instant now = Instant.now();
						mine.add(PoolWait.retrying(
								() -> records.take(bucket, key, 1, now, now.minus(bucket.window()).plusMillis(1))));
					}
					return mine;
				}));
			}
			start.countDown();
			for (Future<List<Decision>> taker : takers) {
				decisions.addAll(taker.get(120, TimeUnit.SECONDS));
			}
			purging.set(false);
			assertThat(purge.get(30, TimeUnit.SECONDS)).as("ended windows the purge deleted meanwhile").isPositive();
		}
		finally {
			purging.set(false);
			pool.shutdownNow();
		}
		assertThat(decisions).hasSize(threads * 25).anyMatch(Decision::allowed);
		assertThat(decisions).filteredOn(decision -> !decision.allowed())
				.allMatch(decision -> !decision.retryAfter().isNegative());
	}
}
