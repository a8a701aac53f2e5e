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
	AddressRecords addresses;

	@Autowired
	DecisionRecords decisions;

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
		AccountKeys keys = new AccountKeys() {
			@Override
			public Optional<String> keyOf(AccountId id) {
				return id.equals(account) ? Optional.of(key) : Optional.empty();
			}

			@Override
			public boolean hold(AccountId id) {
				return id.equals(account);
			}
		};
		StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("keys", keys));
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

	/**
	 * A sign-in whose credentials were right but whose account was erased while they were checked lets no one in and
	 * remembers no address under the erased person's key; one whose account is there remembers it.
	 */
	@Test
	void aSignInOfAnAccountErasedMeanwhileSaysSoAndRemembersNothing() {
		String address = TestSubjects.ipv4();
		AccountId there = new AccountId(UUID.randomUUID());
		AccountKeys accounts = new AccountKeys() {
			@Override
			public Optional<String> keyOf(AccountId id) {
				return Optional.empty();
			}

			@Override
			public boolean hold(AccountId id) {
				return id.equals(there);
			}
		};
		Protection protection = new Protection(addresses, throttles, known,
				new BlockView(addresses, decisions, clock, properties), clock, properties, transactions,
				new StaticListableBeanFactory(Map.of("keys", accounts)).getBeanProvider(AccountKeys.class));
		String erasedKey = TestSubjects.accountKey();
		String key = TestSubjects.accountKey();

		try (Attempt attempt = protection.begin(address, erasedKey)) {
			assertThat(attempt.succeeded(new AccountId(UUID.randomUUID()))).as("the account is gone").isFalse();
		}
		try (Attempt attempt = protection.begin(address, key)) {
			assertThat(attempt.succeeded(there)).isTrue();
		}

		assertThat(knownAddresses(erasedKey)).isZero();
		assertThat(knownAddresses(key)).isOne();
	}

	private long knownAddresses(String key) {
		return jdbc.sql("SELECT COUNT(*) FROM protection_known_addresses WHERE account_key = :key").param("key", key)
				.query(Long.class).single();
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
