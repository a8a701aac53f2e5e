package eu.pledge.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.People;
import tools.jackson.databind.JsonNode;

/** What Secure Patrol holds about a person: shown to them, erased with their account, deleted when it ends. */
class PatrolDataTests extends HttpTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PatrolData data;

	@Test
	void aPersonSeesTheDetectionsOnTheirAccountAndErasureRemovesThem() {
		ApiClient person = client();
		signedInAccount(person);
		person.get("/api/v1/admin/organizations");
		await().atMost(Duration.ofSeconds(10)).until(() -> detections(person.address(), Point.ACCESS_DENIED) == 1);

		JsonNode held = person.get("/api/v1/me/data").json();
		JsonNode detection = patrolItem(held, "access-denied");
		assertThat(detection.get("data").get("point").asString()).isEqualTo("access-denied");
		assertThat(detection.get("data").get("appSensor").asString()).isEqualTo("ACE3");
		assertThat(detection.get("data").get("address").asString()).isEqualTo(person.address());
		assertThat(detection.get("deletedBy").asString()).isNotBlank();

		ApiClient.Response erased = person.post("/api/v1/me/erasure", Map.of("password", People.PASSWORD));
		assertThat(erased.status()).as(erased.body()).isEqualTo(204);
		assertThat(detections(person.address(), Point.ACCESS_DENIED)).isZero();
	}

	@Test
	void theRetentionRuleDeletesWhatHasEnded() {
		String address = randomAddress();
		new ApiClient(port).from(address).get("/.git/config");
		await().atMost(Duration.ofSeconds(10)).until(() -> detections(address, Point.HONEYTRAP) == 1);
		assertThat(data.sweep(clock.instant())).isZero();

		assertThat(data.sweep(clock.instant().plus(Duration.ofHours(24)).plusSeconds(1))).isGreaterThanOrEqualTo(2);
		assertThat(detections(address, Point.HONEYTRAP)).isZero();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM patrol_offenders WHERE key_value = :a").param("a", address)
				.query(Long.class).single()).isZero();
	}

	/** The detections of one kind from the address (registering also made one: a mail was asked for). */
	private long detections(String address, Point point) {
		return jdbc.sql("SELECT COUNT(*) FROM patrol_detections WHERE address = :a AND point = :p")
				.param("a", address).param("p", point.name()).query(Long.class).single();
	}

	private static JsonNode patrolItem(JsonNode held, String point) {
		for (JsonNode category : held.get("categories")) {
			for (JsonNode item : category.get("items")) {
				if (item.get("kind").asString().equals("patrol-detection")
						&& item.get("data").get("point").asString().equals(point)) {
					assertThat(category.get("name").asString()).isEqualTo("ip-addresses");
					return item;
				}
			}
		}
		throw new AssertionError("no patrol-detection in " + held);
	}
}
