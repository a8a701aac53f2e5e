package eu.pledge.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import eu.pledge.shared.AccountId;

/**
 * Erasing a person's IP records while one of their sign-ins succeeds (the erasure form double-clicked: the second
 * password check ends while the first request erases) ends with both done: the erasure takes the rows in the order
 * a sign-in does, so neither waits for the other in a circle.
 */
@SpringBootTest
@ActiveProfiles("test")
class ErasureLockOrderTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Throttles throttles;

	@Autowired
	KnownAddresses known;

	@Autowired
	ProtectionProperties properties;

	@Autowired
	Clock clock;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void aSignInSucceedingWhileTheAccountIsErasedDeadlocksWithNeither() throws Exception {
		String key = TestSubjects.accountKey();
		ClientAddress client = ClientAddress.parse(TestSubjects.ipv4(), 64).orElseThrow();
		AccountId account = new AccountId(UUID.randomUUID());
		StaticListableBeanFactory beans = new StaticListableBeanFactory(
				Map.of("keys", (AccountKeys) id -> id.equals(account) ? Optional.of(key) : Optional.empty()));
		AddressData data = new AddressData(jdbc, beans.getBeanProvider(AccountKeys.class), properties, clock);
		TransactionTemplate own = new TransactionTemplate(transactions);
		own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		own.executeWithoutResult(status -> {
			throttles.countAccountFailure(key, false, clock.instant());
			throttles.countPairFailure(client, key, false, clock.instant());
			known.remember(key, client, clock.instant());
		});

		CountDownLatch countersHeld = new CountDownLatch(1);
		CountDownLatch erasing = new CountDownLatch(1);
		// What Protection.succeeded does in its transaction, with a pause between the counters and the known address
		CompletableFuture<Void> signIn = CompletableFuture.runAsync(() -> own.executeWithoutResult(status -> {
			throttles.releaseAccount(key);
			throttles.resetPair(client, key);
			countersHeld.countDown();
			await(erasing);
			sleep(700); // the erasure is now at its first row the sign-in holds
			known.remember(key, client, clock.instant());
		}));
		CompletableFuture<Void> erasure = CompletableFuture.runAsync(() -> {
			await(countersHeld);
			erasing.countDown();
			own.executeWithoutResult(status -> data.erase(account));
		});

		signIn.get(30, TimeUnit.SECONDS);
		erasure.get(30, TimeUnit.SECONDS);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM protection_throttles WHERE account_key = :key").param("key", key)
				.query(Long.class).single()).isZero();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM protection_known_addresses WHERE account_key = :key")
				.param("key", key).query(Long.class).single()).isZero();
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(20, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}
}
