package eu.pledge.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.AtOnce;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.People;
import eu.pledge.testing.SecondNode;

/**
 * Mails that anyone can make Pledge send to an account's address go out at most once a minute per account (and a
 * person's email-change links at most once a minute to any address), also
 * when forty requests arrive at once on two nodes from forty addresses (a burst meant to fill someone's mailbox),
 * and every answer is the one an unknown address gets, so the burst tells nothing about the address either.
 * Before, each request checked for a mail of the last minute before any had written one (reset links: four to
 * forty mails), or mailed without a limit at all (a registration of a taken address: forty mails).
 */
class AccountMailBurstTests extends HttpTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void fortyResetRequestsAtOnceOnTwoNodesMailOneLinkAndAnswerAlike() throws Exception {
		String email = signedInAccount(client());
		long mailsBefore = mailbox.count(email);
		String nobody = randomEmail();

		List<Integer> answers = fortyStrangersAtOnce("/api/v1/password-reset",
				i -> Map.of("email", i % 4 == 3 ? nobody : email));

		assertThat(answers).as("the same answer for every request, account or not").containsOnly(202);
		mailbox.await(email, "Reset your password");
		Thread.sleep(1_000); // a second link would be queued by now
		assertThat(mailbox.count(email)).as("one link mailed").isEqualTo(mailsBefore + 1);
	}

	/**
	 * A reset request while some other transaction holds the account's row (a sign-in, a change of the profile, an
	 * administrator's action) mails the link without waiting for it. Before, the request skipped a held row to count
	 * its links, and mailed nothing: the person asked for a link that never came.
	 */
	@Test
	void aResetRequestWhileAnotherTransactionHoldsTheAccountMailsTheLink() throws Exception {
		ApiClient person = client();
		String email = signedInAccount(person);
		UUID id = UUID.fromString(person.get("/api/v1/me").json().get("id").asString());
		long mailsBefore = mailbox.count(email);
		CountDownLatch held = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Thread holder = new Thread(() -> transactions.executeWithoutResult(status -> {
			jdbc.sql("SELECT id FROM accounts WHERE id = :id FOR UPDATE").param("id", id).query(Object.class).list();
			held.countDown();
			try {
				release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}));
		holder.start();
		try {
			assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(client().post("/api/v1/password-reset", Map.of("email", email)).status()).isEqualTo(202);
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.count(email) > mailsBefore);
		}
		finally {
			release.countDown();
			holder.join(10_000);
		}
		Thread.sleep(1_000);
		assertThat(mailbox.count(email)).as("one link").isEqualTo(mailsBefore + 1);
	}

	@Test
	void fortyRegistrationsOfATakenAddressAtOnceOnTwoNodesMailItsOwnerOnce() throws Exception {
		String email = signedInAccount(client());
		long mailsBefore = mailbox.count(email);
		Map<String, Object> registration = new HashMap<>(People.registration(email));

		List<Integer> answers = fortyStrangersAtOnce("/api/v1/accounts", i -> registration);

		assertThat(answers).as("as for a new address").containsOnly(201);
		mailbox.await(email, "Someone tried to register with your email address");
		Thread.sleep(1_000);
		assertThat(mailbox.count(email)).as("one mail to the owner").isEqualTo(mailsBefore + 1);

		aMinuteLaterOnBothNodes();
		assertThat(client().post("/api/v1/accounts", registration).status()).isEqualTo(201);
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.count(email) == mailsBefore + 2);
	}

	@Test
	void fortyEmailChangesAtOnceOnTwoNodesMailOneLinkAndThenOneAMinute() throws Exception {
		ApiClient person = client();
		String email = signedInAccount(person);
		long toldBefore = mailbox.count(email);
		List<String> targets = java.util.stream.Stream.generate(HttpTest::randomEmail).limit(40).toList();
		List<Integer> answers;
		try (SecondNode other = SecondNode.of(environment, Map.of())) {
			answers = AtOnce.run(40, i -> {
				ApiClient tab = person.on(i % 2 == 0 ? port : other.port());
				Map<String, String> change = Map.of("email", targets.get(i), "currentPassword", People.PASSWORD);
				return () -> tab.post("/api/v1/me/email", change).status();
			});
		}
		assertThat(answers).containsOnly(202, 429);
		assertThat(answers.stream().filter(status -> status == 202)).as("one link").hasSize(1);
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.count(email) > toldBefore);
		Thread.sleep(1_000); // a second mail would be queued by now
		assertThat(targets.stream().mapToLong(mailbox::count).sum()).as("one address got a link").isEqualTo(1);
		assertThat(mailbox.count(email)).as("the old address told once").isEqualTo(toldBefore + 1);

		String taken = signedInAccount(client());
		long takenBefore = mailbox.count(taken);
		ApiClient.Response again = person.post("/api/v1/me/email", Map.of("email", taken, "currentPassword",
				People.PASSWORD));
		assertThat(again.status()).as("one after another too").isEqualTo(429);
		assertThat(again.header("Retry-After")).isNotNull();
		aMinuteLaterOnBothNodes();
		assertThat(client().post("/api/v1/accounts", People.registration(taken)).status()).isEqualTo(201);
		ApiClient.Response later = person.post("/api/v1/me/email", Map.of("email", taken, "currentPassword",
				People.PASSWORD));
		assertThat(later.status()).as("a minute later: %s", later.body()).isEqualTo(202);
		mailbox.await(taken, "Someone tried to register with your email address");
		Thread.sleep(1_000);
		assertThat(mailbox.count(taken)).as("a taken address's owner told once a minute, whoever asks")
				.isEqualTo(takenBefore + 1);
	}

	/**
	 * A minute after the last count on either node: the second node counts on the real clock, this one on the test's
	 * clock, which stands still (so it may be behind) unless a test moved it on.
	 */
	private void aMinuteLaterOnBothNodes() {
		Instant later = Instant.now().isAfter(clock.instant()) ? Instant.now() : clock.instant();
		clock.set(later.plus(Duration.ofMinutes(1)).plusSeconds(1));
	}

	/** The {@code i}th body posted to {@code path} by a stranger of its own address, forty at once, half on a second node. */
	private List<Integer> fortyStrangersAtOnce(String path, IntFunction<Map<String, ?>> body) throws Exception {
		try (SecondNode other = SecondNode.of(environment, Map.of())) {
			return AtOnce.run(40, i -> {
				ApiClient stranger = new ApiClient(i % 2 == 0 ? port : other.port()).from(randomAddress());
				Map<String, ?> sent = body.apply(i);
				return () -> stranger.post(path, sent).status();
			});
		}
	}
}
