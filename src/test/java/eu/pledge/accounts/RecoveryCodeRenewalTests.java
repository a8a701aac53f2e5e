package eu.pledge.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.Rejected;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.People;

/**
 * New recovery codes replace the old ones, after the password; forty renewals at once leave exactly one set of ten
 * (those the sign-in gate turns away are refused, never half-done).
 */
class RecoveryCodeRenewalTests extends HttpTest {

	@Autowired
	Credentials credentials;

	@Test
	void newCodesReplaceTheOldOnesAndNeedThePassword() {
		ApiClient client = client();
		signedInAccount(client);
		AccountId id = AccountId.of(client.get("/api/v1/me").json().get("id").asString());
		List<String> old = enrol(client);

		assertThatThrownBy(() -> credentials.regenerateRecoveryCodes(id, "not my password"))
			.isInstanceOf(Rejected.class).hasMessageContaining("not correct");
		List<String> fresh = credentials.regenerateRecoveryCodes(id, People.PASSWORD);

		assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(old);
		assertThat(credentials.checkSecondFactor(id, old.get(0))).as("an old code").isFalse();
		assertThat(credentials.checkSecondFactor(id, fresh.get(0))).as("a new code").isTrue();
		assertThat(credentials.remainingRecoveryCodes(id)).isEqualTo(9);
	}

	@Test
	void fortyRenewalsAtOnceLeaveOneSetOfTen() throws Exception {
		ApiClient client = client();
		signedInAccount(client);
		AccountId id = AccountId.of(client.get("/api/v1/me").json().get("id").asString());
		enrol(client);
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(40);
		List<Future<List<String>>> renewals = new ArrayList<>();
		try {
			for (int i = 0; i < 40; i++) {
				renewals.add(pool.submit(() -> {
					start.await();
					return credentials.regenerateRecoveryCodes(id, People.PASSWORD);
				}));
			}
			start.countDown();
			// the password check's gate may turn some of a burst away ("Too many attempts"): that is a refusal,
			// never a mixture of sets
			List<List<String>> sets = new ArrayList<>();
			for (Future<List<String>> renewal : renewals) {
				try {
					sets.add(renewal.get());
				}
				catch (java.util.concurrent.ExecutionException refused) {
					assertThat(refused.getCause()).isInstanceOf(Rejected.class).hasMessageContaining("Too many attempts");
				}
			}
			assertThat(sets).isNotEmpty();
			assertThat(credentials.remainingRecoveryCodes(id)).isEqualTo(10);
			long working = sets.stream().filter(set -> credentials.checkSecondFactor(id, set.get(0))).count();
			assertThat(working).as("sets whose codes work").isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private List<String> enrol(ApiClient client) {
		ApiClient.Response enrolment = client.post("/api/v1/me/totp", null);
		assertThat(enrolment.status()).as(enrolment.body()).isEqualTo(201);
		String secret = enrolment.json().get("secret").asString();
		ApiClient.Response confirmed = client.post("/api/v1/me/totp/confirmation",
				Map.of("code", TotpCodes.code(secret, clock.instant(), -1)));
		assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
		List<String> codes = new ArrayList<>();
		confirmed.json().get("recoveryCodes").forEach(code -> codes.add(code.asString()));
		assertThat(codes).hasSize(10);
		return codes;
	}
}
