package eu.pledge.shared;

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

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import eu.pledge.testing.HttpTest;

/**
 * The shared alert throttle holds its cap when forty alerts arrive at once, each in a transaction of its own (as on
 * forty threads or nodes), and gives each ended window's held alerts exactly once.
 */
class AlertThrottleTests extends HttpTest {

	@Autowired
	AlertThrottle throttle;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void fortyAlertsAtOnceAdmitThreeAndHoldTheRestForOneDigest() throws Exception {
		String channel = "test-" + UUID.randomUUID().toString().substring(0, 8);
		TransactionTemplate transaction = new TransactionTemplate(transactions);
		Instant now = clock.instant();
		ExecutorService pool = Executors.newFixedThreadPool(40);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Boolean>> admitted = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			String line = "alert " + i;
			admitted.add(pool.submit(() -> {
				start.await();
				return transaction.execute(status -> throttle.admit(channel, 3, Duration.ofMinutes(10), line, now));
			}));
		}
		start.countDown();
		int mailed = 0;
		for (Future<Boolean> answer : admitted) {
			mailed += answer.get() ? 1 : 0;
		}
		pool.shutdown();
		assertThat(mailed).isEqualTo(3);

		assertThat(takeEnded(transaction, channel, now.plusSeconds(599))).isEmpty();
		List<AlertThrottle.Digest> digests = takeEnded(transaction, channel, now.plus(Duration.ofMinutes(10)));
		assertThat(digests).hasSize(1);
		assertThat(digests.get(0).lines()).hasSize(37);
		assertThat(takeEnded(transaction, channel, now.plus(Duration.ofHours(1)))).isEmpty();

		// the next window starts with the next alert, with its own cap
		Instant later = now.plus(Duration.ofMinutes(11));
		boolean next = transaction.execute(status -> throttle.admit(channel, 3, Duration.ofMinutes(10), "next", later));
		assertThat(next).isTrue();
	}

	private List<AlertThrottle.Digest> takeEnded(TransactionTemplate transaction, String channel, Instant now) {
		return transaction.execute(status -> throttle.takeEnded(channel, now));
	}
}
