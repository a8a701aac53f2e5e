package eu.pledge.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import eu.pledge.testing.AtOnce;
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
		List<Boolean> admitted = AtOnce.run(40, i -> () -> transaction
				.execute(status -> throttle.admit(channel, 3, Duration.ofMinutes(10), "alert " + i, now)));
		assertThat(admitted).as("mailed").filteredOn(Boolean.TRUE::equals).hasSize(3);

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
