package eu.pledge.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import eu.pledge.accounts.AdministratorRevoked;
import eu.pledge.shared.AccountId;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.AtOnce;

/**
 * The last platform administrator stays. A context of its own (the property only makes it one), so its database
 * holds no administrators of other tests and "the last one" is real.
 */
@TestPropertySource(properties = "pledge.accounts.reset-link-validity=31m")
class LastAdministratorTests extends AccessFixture {

	@Test
	void theLastAdministratorStaysWhenTwoRemoveEachOtherFortyTimesAtOnce() throws Exception {
		ApiClient first = admin();
		ApiClient second = admin();
		AccountId firstId = AccountId.of(first.get("/api/v1/me").json().get("id").asString());
		AccountId secondId = AccountId.of(second.get("/api/v1/me").json().get("id").asString());
		assertThat(jdbc.sql("SELECT COUNT(*) FROM accounts WHERE roles LIKE '%ADMIN%'").query(Long.class).single())
				.as("this context's database has these two administrators only").isEqualTo(2);
		int before = recordedEvents.of(AdministratorRevoked.class).size();

		List<Integer> statuses = AtOnce.times(40, new Callable<>() {
			private final java.util.concurrent.atomic.AtomicInteger turn = new java.util.concurrent.atomic.AtomicInteger();

			@Override
			public Integer call() {
				return turn.getAndIncrement() % 2 == 0
						? first.delete("/api/v1/admin/accounts/" + secondId + "/administrator").status()
						: second.delete("/api/v1/admin/accounts/" + firstId + "/administrator").status();
			}
		});
		assertThat(statuses).contains(204).doesNotContain(500);
		assertThat(recordedEvents.of(AdministratorRevoked.class).size() - before).isEqualTo(1);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM accounts WHERE roles LIKE '%ADMIN%'").query(Long.class).single()).isEqualTo(1);
		ApiClient.Response last = first.delete("/api/v1/admin/accounts/" + firstId + "/administrator");
		ApiClient.Response last2 = second.delete("/api/v1/admin/accounts/" + secondId + "/administrator");
		assertThat(List.of(last.status(), last2.status())).contains(409);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM accounts WHERE roles LIKE '%ADMIN%'").query(Long.class).single()).isEqualTo(1);
	}

}
