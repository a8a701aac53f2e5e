package eu.pledge.sessions;

import static eu.pledge.testing.People.PASSWORD;
import static eu.pledge.testing.People.registerAndVerify;
import static eu.pledge.testing.People.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import eu.pledge.accounts.Accounts;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.SecondNode;

/**
 * Attempts that arrive all at once, as a scripted attacker sends them: no more passwords are checked than the
 * limits allow, on one node or spread over two, and the rest are refused at once. The wait after a limit is a
 * minute here so that a slow machine cannot let it lapse during the burst and blur the count, and the pool has
 * room for the burst.
 */
@TestPropertySource(properties = { "pledge.protection.throttle-wait=1m", "pledge.protection.throttle-wait-max=15m",
		"spring.datasource.hikari.maximum-pool-size=12" })
class ParallelBurstTests extends HttpTest {

	// Forty requests at once on a loaded machine: a pool of 4 (the tests' default) could keep one waiting past
	// the connection timeout (503), which is not what this test is about.
	private static final Map<String, String> SLOW_WAIT = Map.of("pledge.protection.throttle-wait", "1m",
			"pledge.protection.throttle-wait-max", "15m", "spring.datasource.hikari.maximum-pool-size", "12");

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void fortyGuessesAtOnceOnOneAccountFromOneAddressCheckOnlyFivePasswords() throws Exception {
		String victim = randomEmail();
		registerAndVerify(client(), mailbox, victim);
		String attacker = randomAddress();

		List<Integer> statuses = burst(40, i -> signIn(client().from(attacker), victim, "guess " + i).status());

		assertThat(statuses).filteredOn(status -> status == 401).as("passwords checked").hasSize(5);
		assertThat(statuses).filteredOn(status -> status == 429).hasSize(35);
		assertThat(pairCounter(victim, attacker)).as("failures and attempts pending").containsExactly(5, 0);
		assertThat(signIn(client(), victim, PASSWORD).status()).as("the owner from elsewhere").isEqualTo(200);
	}

	@Test
	void sixtyGuessesAtOnceOnSixtyAccountsFromOneAddressCheckOnlyTwentyPasswords() throws Exception {
		String attacker = randomAddress();

		List<Integer> statuses = burst(60, i -> signIn(client().from(attacker), randomEmail(), "guess " + i).status());

		assertThat(statuses).filteredOn(status -> status == 401).as("passwords checked").hasSize(20);
		assertThat(statuses).filteredOn(status -> status == 429).hasSize(40);
		assertThat(client().from(attacker).get("/api/v1/me").status()).as("the address is blocked").isEqualTo(429);
	}

	@Test
	void fortyGuessesAtOnceSpreadOverTwoNodesCheckOnlyFivePasswords() throws Exception {
		String victim = randomEmail();
		registerAndVerify(client(), mailbox, victim);
		String attacker = randomAddress();
		try (SecondNode other = SecondNode.of(environment, SLOW_WAIT)) {
			int[] ports = { port, other.port() };

			List<Integer> statuses = burst(40,
					i -> signIn(new ApiClient(ports[i % 2]).from(attacker), victim, "guess " + i).status());

			assertThat(statuses).filteredOn(status -> status == 401).as("passwords checked").hasSize(5);
			assertThat(statuses).filteredOn(status -> status == 429).hasSize(35);
		}
		assertThat(pairCounter(victim, attacker)).containsExactly(5, 0);
	}

	@Test
	void anOwnerSigningInAsOftenAtOnceAsThePairLimitAllowsGetsInEveryTimeAndLeavesNothingPending() throws Exception {
		String owner = randomEmail();
		registerAndVerify(client(), mailbox, owner);
		String home = randomAddress();

		List<Integer> statuses = burst(5, i -> signIn(client().from(home), owner, PASSWORD).status());

		assertThat(statuses).containsOnly(200);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM protection_addresses WHERE address = :a").param("a", home)
				.query(Integer.class).single()).as("nothing kept on an address that never failed").isZero();
		assertThat(jdbc.sql("SELECT COALESCE(SUM(pending), 0) FROM protection_throttles WHERE account_key = :k")
				.param("k", accounts.accountKey(owner)).query(Integer.class).single()).isZero();
	}

	/** Sends {@code count} requests at the same moment and returns their statuses. */
	private static List<Integer> burst(int count, IntFunction<Integer> request) throws Exception {
		return eu.pledge.testing.AtOnce.run(count, i -> () -> request.apply(i));
	}

	private List<Integer> pairCounter(String email, String address) {
		return jdbc.sql("SELECT failures, pending FROM protection_throttles WHERE account_key = :k AND address = :a")
				.param("k", accounts.accountKey(email)).param("a", address)
				.query((rs, n) -> List.of(rs.getInt(1), rs.getInt(2))).single();
	}
}
