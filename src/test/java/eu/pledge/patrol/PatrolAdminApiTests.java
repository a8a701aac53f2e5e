package eu.pledge.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import eu.pledge.protection.Decision;
import eu.pledge.protection.Decisions;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;
import tools.jackson.databind.JsonNode;

/** Administrators see Patrol's detections and the responses in force, and lift one. */
class PatrolAdminApiTests extends HttpTest {

	@Autowired
	Decisions decisions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void administratorsSearchTheDetections() {
		ApiClient admin = CrowdSecApiTests.admin(client(), mailbox, jdbc);
		String address = randomAddress();
		new ApiClient(port).from(address).get("/phpmyadmin/index.php");
		// the detection is recorded after the answer; a loaded CI machine once took more than 10 s
		await().atMost(Duration.ofSeconds(30)).until(() -> admin
				.get("/api/v1/admin/patrol/detections?key=" + address).json().get("items").size() == 1);

		JsonNode item = admin.get("/api/v1/admin/patrol/detections?key=" + address).json().get("items").get(0);
		assertThat(item.get("point").asString()).isEqualTo("honeytrap");
		assertThat(item.get("appSensor").asString()).isEqualTo("HT2");
		assertThat(item.get("address").asString()).isEqualTo(address);
		assertThat(item.get("detail").asString()).isEqualTo("GET /phpmyadmin/index.php");
		assertThat(admin.get("/api/v1/admin/patrol/detections?point=not-found&key=" + address).json().get("items"))
				.isEmpty();

		ApiClient.Response bad = admin.get("/api/v1/admin/patrol/detections?point=teleportation");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().get("errors").get(0).get("field").asString()).isEqualTo("point");
		assertThat(admin.get("/api/v1/admin/patrol/detections?from=yesterday").status()).isEqualTo(400);
	}

	@Test
	void administratorsLiftABanAndTheLiftIsAudited() {
		ApiClient admin = CrowdSecApiTests.admin(client(), mailbox, jdbc);
		String address = randomAddress();
		Decision ban = decisions.decide(Decision.Type.BAN, address, Duration.ofHours(1), "patrol:scanning", "patrol");
		assertThat(new ApiClient(port).from(address).get("/").status()).isEqualTo(429);

		JsonNode inForce = admin.get("/api/v1/admin/patrol/responses").json();
		assertThat(inForce.findValuesAsString("value")).contains(address);

		assertThat(admin.delete("/api/v1/admin/patrol/responses/" + ban.id()).status()).isEqualTo(204);
		assertThat(admin.delete("/api/v1/admin/patrol/responses/" + ban.id()).status()).isEqualTo(404);
		assertThat(new ApiClient(port).from(address).get("/").status()).isEqualTo(200);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE action = 'patrol.lifted' AND target_id = :id")
				.param("id", Long.toString(ban.id())).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void nobodyElseSeesThem() {
		ApiClient person = client();
		signedInAccount(person);
		assertThat(person.get("/api/v1/admin/patrol/detections").status()).isIn(403, 404);
		assertThat(person.get("/api/v1/admin/patrol/responses").status()).isIn(403, 404);
		assertThat(person.delete("/api/v1/admin/patrol/responses/1").status()).isIn(403, 404);
	}
}
