package eu.pledge.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;

/** The vendor's systems report detections with their key; they count in the same rules as Pledge's own. */
class PatrolEventsTests extends HttpTest {

	private static final String EVENTS = "/api/v1/patrol/events";

	@Autowired
	JdbcClient jdbc;

	@Test
	void reportedEventsCountWithPledgesOwnInTheSameRule() {
		ApiClient admin = CrowdSecApiTests.admin(client(), mailbox, jdbc);
		String key = issue(admin, "crm");
		String address = randomAddress();
		ApiClient scanner = new ApiClient(port).from(address);
		for (int i = 0; i < 10; i++) {
			scanner.get("/nothing-here-" + i); // Pledge's own: ten paths nobody serves
		}
		List<Map<String, Object>> batch = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			batch.add(Map.of("point", "not-found", "address", address, "detail", "GET /crm/nothing-" + i));
		}
		ApiClient.Response accepted = system().send("POST", EVENTS, batch, Map.of("X-Api-Key", key));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		assertThat(accepted.json().get("accepted").asInt()).isEqualTo(20);

		await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
				SELECT responses FROM patrol_offenders WHERE rule = 'scanning' AND key_value = :a""").param("a", address)
				.query(Integer.class).optional().orElse(0) == 1); // 10 + 20 reach the threshold of 30
		assertThat(jdbc.sql("SELECT COUNT(*) FROM patrol_detections WHERE address = :a AND system_name = 'crm'")
				.param("a", address).query(Long.class).single()).isEqualTo(20);
		assertThat(admin.get("/api/v1/admin/patrol/keys").json().findValuesAsString("name")).contains("crm");
	}

	@Test
	void fortyBatchesAtOnceTakeNoMoreThanTheKeysAllowanceAndTheRestIsRefusedWhole() throws Exception {
		String key = issue(CrowdSecApiTests.admin(client(), mailbox, jdbc), "crm");
		String marker = "flood-" + java.util.UUID.randomUUID();
		List<Map<String, Object>> batch = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			batch.add(Map.of("point", "access-denied", "detail", marker));
		}
		int accepted = 0;
		for (ApiClient.Response response : eu.pledge.testing.AtOnce.run(40,
				i -> () -> system().send("POST", EVENTS, batch, Map.of("X-Api-Key", key)))) {
			if (response.status() == 202) {
				accepted++;
			}
			else {
				assertThat(response.status()).as(response.body()).isEqualTo(429);
				assertThat(Long.parseLong(response.header("Retry-After"))).isBetween(1L, 60L);
				assertThat(response.body()).contains("more than 500 events this minute");
			}
		}
		assertThat(accepted).as("500 events a minute, 20 a batch").isEqualTo(25);
		await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT COUNT(*) FROM patrol_detections WHERE detail = :m")
				.param("m", marker).query(Long.class).single() == 500);
		clock.advance(Duration.ofMinutes(1));
		assertThat(system().send("POST", EVENTS, batch, Map.of("X-Api-Key", key)).status()).isEqualTo(202);
	}

	@Test
	void aBadBatchIsRefusedWholeNamingTheEventAndField() {
		String key = issue(CrowdSecApiTests.admin(client(), mailbox, jdbc), "billing");
		String address = randomAddress();
		List<Map<String, Object>> batch = List.of(Map.of("point", "honeytrap", "address", address),
				Map.of("point", "teleportation", "address", address));
		ApiClient.Response refused = system().send("POST", EVENTS, batch, Map.of("X-Api-Key", key));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("[1].point");

		assertField(key, List.of(Map.of("point", "honeytrap", "system", "crm")), "[0].system");
		assertField(key, List.of(Map.of("point", "honeytrap", "address", "not-an-ip")), "[0].address");
		assertField(key, List.of(Map.of("point", "honeytrap", "account", "someone")), "[0].account");
		assertField(key, List.of(Map.of("point", "honeytrap", "occurredAt", "2020-01-01T00:00:00Z")), "[0].occurredAt");
		assertField(key, List.of(), "events");
		assertThat(system().send("POST", EVENTS, "{\"not\":\"an array\"}", Map.of("X-Api-Key", key)).status())
				.isEqualTo(400);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM patrol_detections WHERE address = :a").param("a", address)
				.query(Long.class).single()).as("nothing of a refused batch is kept").isZero();
	}

	@Test
	void onlyAValidSystemKeyMayReport() {
		ApiClient admin = CrowdSecApiTests.admin(client(), mailbox, jdbc);
		List<Map<String, Object>> batch = List.of(Map.of("point", "honeytrap"));
		assertThat(new ApiClient(port).post(EVENTS, batch).status()).isEqualTo(401);
		String bouncerKey = CrowdSecApiTests.register(admin, "a-bouncer");
		assertThat(system().send("POST", EVENTS, batch, Map.of("X-Api-Key", bouncerKey)).status())
				.as("a bouncer's key reads decisions, it reports nothing").isEqualTo(401);

		String key = issue(admin, "analytics");
		ApiClient.Response unknown = admin.post("/api/v1/admin/patrol/keys", Map.of("system", "no-such-system"));
		assertThat(unknown.status()).isEqualTo(400);
		long id = admin.get("/api/v1/admin/patrol/keys").json().findValues("id").stream().mapToLong(n -> n.asLong())
				.max().orElseThrow();
		assertThat(admin.delete("/api/v1/admin/patrol/keys/" + id).status()).isEqualTo(204);
		assertThat(system().send("POST", EVENTS, batch, Map.of("X-Api-Key", key)).status()).isEqualTo(401);
	}

	private void assertField(String key, Object batch, String field) {
		ApiClient.Response refused = system().send("POST", EVENTS, batch, Map.of("X-Api-Key", key));
		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
	}

	private static String issue(ApiClient admin, String system) {
		ApiClient.Response issued = admin.post("/api/v1/admin/patrol/keys", Map.of("system", system));
		assertThat(issued.status()).as(issued.body()).isEqualTo(201);
		return issued.json().get("secret").asString();
	}

	private ApiClient system() {
		return new ApiClient(port).from(randomAddress());
	}
}
