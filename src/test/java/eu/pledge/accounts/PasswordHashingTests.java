package eu.pledge.accounts;

import static eu.pledge.testing.People.PASSWORD;
import static eu.pledge.testing.People.registerAndVerify;
import static eu.pledge.testing.People.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.management.ObjectName;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import eu.pledge.shared.Vault;
import eu.pledge.testing.HttpTest;

/** Argon2id with the configured parameters, and hashes made with older parameters upgraded at sign-in. */
class PasswordHashingTests extends HttpTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Vault vault;

	@Test
	void theHashsCompilationInlinesItsRotationsInThisJvm() throws Exception {
		// PasswordHasher installs it when the application starts; without it, a JVM now and then compiles the block
		// function with a call per rotation and hashes at half speed (docs/PERFORMANCE.md, session 24).
		// It is added on a thread of its own at start: wait for it a while rather than race it.
		String directives = "";
		for (int i = 0; i < 200 && !directives.contains("java/lang/Long.rotateRight"); i++) {
			if (i > 0) {
				Thread.sleep(50);
			}
			directives = ManagementFactory.getPlatformMBeanServer().invoke(
					new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesPrint",
					new Object[] { new String[0] }, new String[] { String[].class.getName() }).toString();
		}
		assertThat(directives).contains("org/bouncycastle/crypto/generators/Argon2BytesGenerator*.*")
				.contains("java/lang/Long.rotateRight");
	}

	@Test
	void hashesUseTheConfiguredParameters() {
		PasswordHasher hasher = new PasswordHasher(new PasswordProperties(12, 256, new PasswordProperties.Argon2(19456, 2, 1)));
		String hash = hasher.hash("some long passphrase");
		assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
		assertThat(hasher.matches("some long passphrase", hash)).isTrue();
		assertThat(hasher.matches("some long passphrasf", hash)).isFalse();
		assertThat(hasher.matches("some long passphrase", "$argon2id$v=19$m=x$$")).as("malformed: false, no exception").isFalse();
		assertThat(hasher.matches("some long passphrase", null)).isFalse();
	}

	/**
	 * The dummy hash an unknown email is checked against is made up (no Argon2id run at start-up), but checking it
	 * must cost a whole verification: a malformed one would be refused at once and tell an attacker which
	 * addresses have accounts. Measured in this thread's CPU time, which other load on the machine barely moves.
	 */
	@Test
	void aMissOnTheDummyHashCostsAsMuchCpuAsAVerification() {
		PasswordHasher hasher = new PasswordHasher(new PasswordProperties(12, 256, new PasswordProperties.Argon2(32768, 3, 1)));
		String real = hasher.hash("some long passphrase");
		java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
		long verification = Long.MAX_VALUE;
		long miss = Long.MAX_VALUE;
		for (int round = 0; round < 3; round++) {
			long start = threads.getCurrentThreadCpuTime();
			assertThat(hasher.matches("some long passphrase", real)).isTrue();
			long middle = threads.getCurrentThreadCpuTime();
			hasher.burnOneVerification("some long passphrase");
			verification = Math.min(verification, middle - start);
			miss = Math.min(miss, threads.getCurrentThreadCpuTime() - middle);
		}
		assertThat(miss).as("CPU ns of a miss on the dummy hash vs. of a verification (%d)", verification)
				.isGreaterThan(verification / 2);
	}

	@Test
	void hashesAreInterchangeableWithSpringSecuritysArgon2Encoder() {
		PasswordHasher hasher = new PasswordHasher(new PasswordProperties(12, 256, new PasswordProperties.Argon2(4096, 2, 1)));
		Argon2PasswordEncoder spring = new Argon2PasswordEncoder(16, 32, 1, 4096, 2);
		assertThat(spring.matches("Grüße aus Brüssel ✓", hasher.hash("Grüße aus Brüssel ✓"))).isTrue();
		assertThat(hasher.matches("Grüße aus Brüssel ✓", spring.encode("Grüße aus Brüssel ✓"))).isTrue();
		assertThat(hasher.matches("Grüsse aus Brüssel ✓", spring.encode("Grüße aus Brüssel ✓"))).isFalse();
	}

	/**
	 * Forty computations at once, several times over, with more of them than the hasher keeps memory for, and hashes
	 * of a larger and a smaller memory cost and two lanes among them: each must compute in memory of its own (two
	 * sharing blocks would produce wrong hashes) and every result agrees with Spring Security's encoder. It guards the
	 * whole-set pool's correctness (it fails when two computations are handed the same set); its speed is measured by
	 * the benchmarks, not here.
	 */
	@Test
	void fortyComputationsAtOnceEachComputeInMemoryOfTheirOwn() throws Exception {
		PasswordHasher hasher = new PasswordHasher(new PasswordProperties(12, 256, new PasswordProperties.Argon2(1024, 1, 1)));
		Argon2PasswordEncoder[] others = { new Argon2PasswordEncoder(16, 32, 1, 1024, 1),
				new Argon2PasswordEncoder(16, 32, 1, 4096, 1), new Argon2PasswordEncoder(16, 32, 1, 512, 1),
				new Argon2PasswordEncoder(16, 32, 2, 2048, 1) };
		int parties = 40;
		ExecutorService pool = Executors.newFixedThreadPool(parties);
		try {
			for (int round = 0; round < 3; round++) {
				CyclicBarrier start = new CyclicBarrier(parties);
				List<Future<String>> results = new ArrayList<>();
				for (int i = 0; i < parties; i++) {
					String password = "passphrase " + round + "-" + i;
					Argon2PasswordEncoder other = others[i % others.length];
					String theirs = other.encode(password);
					results.add(pool.submit(() -> {
						start.await();
						String ours = hasher.hash(password);
						// Spring's encoder reads the cost from the hash: any of them verifies ours
						return hasher.matches(password, theirs) && !hasher.matches(password + "!", theirs)
								&& other.matches(password, ours) ? "ok" : "wrong result for " + password;
					}));
				}
				for (Future<String> result : results) {
					assertThat(result.get()).isEqualTo("ok");
				}
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aHashWithOldParametersIsUpgradedAtTheNextSuccessfulSignIn() {
		String email = randomEmail();
		registerAndVerify(client(), mailbox, email);
		String old = new Argon2PasswordEncoder(16, 32, 1, 2048, 2).encode(PASSWORD);
		String index = vault.blindIndex(email);
		jdbc.sql("UPDATE accounts SET password_hash = :h WHERE email_index = :i").param("h", old).param("i", index).update();

		assertThat(signIn(client(), email, PASSWORD).status()).isEqualTo(200);

		String upgraded = jdbc.sql("SELECT password_hash FROM accounts WHERE email_index = :i").param("i", index)
				.query(String.class).single();
		assertThat(upgraded).isNotEqualTo(old).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
		assertThat(signIn(client(), email, PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void theTenThousandMostCommonPasswordsAreRefusedButLongUncommonOnesPass() {
		PasswordPolicy policy = new PasswordPolicy(new PasswordProperties(12, 256, new PasswordProperties.Argon2(19456, 2, 1)));
		assertThat(policy.isCommon("qwerty123456")).isTrue();
		assertThat(policy.isCommon("1Q2W3E4R5T6Y")).isTrue();
		assertThat(policy.isCommon("purple elephant dances at noon")).isFalse();
	}
}
