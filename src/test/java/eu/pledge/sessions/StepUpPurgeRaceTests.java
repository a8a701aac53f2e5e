package eu.pledge.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import eu.pledge.shared.AccountId;

/**
 * Secure Patrol asks for a step-up on an account whose last step-up has just ended, while the retention sweep
 * deletes that ended row: the new step-up is in force afterwards, every time (it was lost when the sweep deleted
 * the row between the insert that found it and the update that should have extended it).
 */
@SpringBootTest
@ActiveProfiles("test")
class StepUpPurgeRaceTests {

	@Autowired
	StepUps stepUps;

	@Autowired
	StepUpRecords records;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aStepUpAskedForWhileTheSweepDeletesTheEndedOneIsInForceForFortyAccountsAtOnce() throws Exception {
		int accounts = 40;
		ExecutorService pool = Executors.newFixedThreadPool(accounts + 1);
		try {
			for (int round = 0; round < 10; round++) {
				List<AccountId> ids = new ArrayList<>();
				for (int i = 0; i < accounts; i++) {
					AccountId id = AccountId.random();
					ids.add(id);
					Instant ended = Instant.now().minusSeconds(1);
					jdbc.sql("""
							INSERT INTO sessions_step_ups (account_id, reason, created_at, until_at)
							VALUES (:account, 'test', :created, :until)""").param("account", id.toString())
							.param("created", Timestamp.from(ended.minusSeconds(60))).param("until", Timestamp.from(ended))
							.update();
				}
				AtomicBoolean sweeping = new AtomicBoolean(true);
				CountDownLatch start = new CountDownLatch(1);
				Future<?> sweep = pool.submit(() -> {
					start.await();
					while (sweeping.get()) {
						records.sweep(Instant.now());
					}
					return null;
				});
				List<Future<Instant>> asked = new ArrayList<>();
				for (AccountId id : ids) {
					asked.add(pool.submit(() -> {
						start.await();
						return stepUps.require(id, Duration.ofHours(1), "test-race");
					}));
				}
				start.countDown();
				for (Future<Instant> future : asked) {
					future.get(60, TimeUnit.SECONDS);
				}
				sweeping.set(false);
				sweep.get(30, TimeUnit.SECONDS);
				assertThat(ids).as("round %d: accounts whose step-up is in force", round)
						.allMatch(id -> stepUps.requiredUntil(id).isPresent());
			}
		}
		finally {
			pool.shutdownNow();
		}
	}
}
