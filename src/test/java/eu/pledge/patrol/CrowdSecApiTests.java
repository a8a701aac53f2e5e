package eu.pledge.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import eu.pledge.protection.Decision;
import eu.pledge.protection.Decisions;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.People;
import eu.pledge.testing.SecondNode;
import tools.jackson.databind.JsonNode;

/** The CrowdSec Local API's bouncer endpoints as a bouncer calls them, and the administrators' bouncer keys. */
class CrowdSecApiTests extends HttpTest {

	private static final String STREAM = "/api/v1/patrol/crowdsec/v1/decisions/stream";

	@Autowired
	Decisions decisions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aBouncerReadsTheStreamFromStartupThenOnlyWhatChanged() {
		String key = register(admin(), "edge-nginx");
		String address = randomAddress();
		Decision ban = decisions.decide(Decision.Type.BAN, address, Duration.ofMinutes(30), "patrol:honeytrap", "patrol");

		JsonNode startup = bouncer(key).get(STREAM + "?startup=true").json();
		JsonNode listed = find(startup.get("new"), ban.id());
		assertThat(listed.get("type").asString()).isEqualTo("ban");
		assertThat(listed.get("scope").asString()).isEqualTo("Ip");
		assertThat(listed.get("value").asString()).isEqualTo(address);
		assertThat(listed.get("origin").asString()).isEqualTo("patrol");
		assertThat(listed.get("scenario").asString()).isEqualTo("patrol:honeytrap");
		assertThat(listed.get("duration").asString()).isEqualTo("30m0s");

		// Each window overlaps the previous one (Decisions.OVERLAP): the next pull may repeat the ban, the one after
		// it, when nothing changed, is empty.
		clock.advance(Decisions.OVERLAP.plusSeconds(5));
		bouncer(key).get(STREAM + "?startup=false");
		clock.advance(Decisions.OVERLAP.plusSeconds(5));
		JsonNode quiet = bouncer(key).get(STREAM + "?startup=false").json();
		assertThat(quiet.get("new")).isEmpty();
		assertThat(quiet.get("deleted")).isEmpty();

		clock.advance(Duration.ofSeconds(5));
		decisions.lift(ban.id());
		clock.advance(Duration.ofSeconds(5));
		JsonNode lifted = bouncer(key).get(STREAM + "?startup=false").json();
		assertThat(find(lifted.get("deleted"), ban.id()).get("value").asString()).isEqualTo(address);
	}

	@Test
	void aBouncerAsksAboutOneAddress() {
		String key = register(admin(), "edge-haproxy");
		String address = randomAddress();
		ApiClient bouncer = bouncer(key);
		assertThat(bouncer.get("/api/v1/patrol/crowdsec/v1/decisions?ip=" + address).body()).isEqualTo("null");

		Decision ban = decisions.decide(Decision.Type.BAN, address, Duration.ofMinutes(10), "patrol:scanning", "patrol");
		JsonNode found = bouncer.get("/api/v1/patrol/crowdsec/v1/decisions?ip=" + address).json();
		assertThat(found).hasSize(1);
		assertThat(found.get(0).get("id").asLong()).isEqualTo(ban.id());

		Decision range = decisions.decide(Decision.Type.BAN, "2001:db8:5:6::1", Duration.ofMinutes(10), "patrol:scanning",
				"patrol");
		JsonNode inRange = bouncer.get("/api/v1/patrol/crowdsec/v1/decisions?ip=2001:db8:5:6:aaaa::2").json();
		assertThat(inRange.get(0).get("scope").asString()).isEqualTo("Range");
		assertThat(inRange.get(0).get("value").asString()).endsWith("/64");
		decisions.lift(ban.id());
		decisions.lift(range.id());
	}

	@Test
	void withoutAValidKeyNothingIsShownAndARevokedKeyStopsWorking() {
		ApiClient admin = admin();
		String key = register(admin, "edge-firewall");
		assertThat(new ApiClient(port).get(STREAM).status()).isEqualTo(403);
		assertThat(bouncer("not-a-key").get(STREAM).status()).isEqualTo(403);
		assertThat(bouncer(key).get(STREAM).status()).isEqualTo(200);

		JsonNode listed = admin.get("/api/v1/admin/patrol/bouncers").json();
		JsonNode mine = null;
		for (JsonNode bouncer : listed) {
			if (bouncer.get("name").asString().equals("edge-firewall")) {
				mine = bouncer;
			}
		}
		assertThat(mine.get("lastUsed").isNull()).isFalse();
		assertThat(mine.get("hint").asString()).isEqualTo(key.substring(0, 6));
		assertThat(mine.toString()).doesNotContain(key);

		String live = "/api/v1/patrol/crowdsec/v1/decisions?ip=" + randomAddress();
		assertThat(bouncer(key).get(live).status()).isEqualTo(200); // now kept by this node for recheck-after
		assertThat(bouncer("not-a-key").get(live).status()).isEqualTo(403);
		assertThat(admin.delete("/api/v1/admin/patrol/bouncers/" + mine.get("id").asLong()).status()).isEqualTo(204);
		assertThat(bouncer(key).get(STREAM).status()).isEqualTo(403);
		assertThat(bouncer(key).get(live).status()).isEqualTo(403); // revoked on this node: at once
		assertThat(admin.delete("/api/v1/admin/patrol/bouncers/" + mine.get("id").asLong()).status()).isEqualTo(404);
	}

	@Test
	void aKeyRevokedOnAnotherNodeStopsWorkingForLiveQuestionsWithinRecheckAfter() throws Exception {
		String key = register(admin(), "edge-traefik");
		String live = "/api/v1/patrol/crowdsec/v1/decisions?ip=" + randomAddress();
		try (SecondNode other = SecondNode.of(environment, Map.of())) {
			ApiClient there = bouncer(other.port(), key);
			assertThat(there.get(live).status()).isEqualTo(200); // the other node keeps the key for recheck-after
			long id = jdbc.sql("SELECT id FROM patrol_keys WHERE name = 'edge-traefik'").query(Long.class).single();
			assertThat(admin().delete("/api/v1/admin/patrol/bouncers/" + id).status()).isEqualTo(204);
			assertThat(bouncer(key).get(live).status()).isEqualTo(403);
			long revoked = System.nanoTime();
			await().atMost(Duration.ofSeconds(3)).until(() -> there.get(live).status() == 403);
			assertThat(Duration.ofNanos(System.nanoTime() - revoked)).isLessThan(Duration.ofMillis(1500));
			assertThat(there.get(STREAM).status()).isEqualTo(403);
		}
	}

	@Test
	void onlyAdministratorsManageBouncersAndNamesAreChecked() {
		ApiClient person = client();
		signedInAccount(person);
		assertThat(person.post("/api/v1/admin/patrol/bouncers", Map.of("name", "mine")).status()).isIn(403, 404);
		ApiClient.Response bad = admin().post("/api/v1/admin/patrol/bouncers", Map.of("name", "<script>"));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
	}

	static String register(ApiClient admin, String name) {
		ApiClient.Response registered = admin.post("/api/v1/admin/patrol/bouncers", Map.of("name", name));
		assertThat(registered.status()).as(registered.body()).isEqualTo(201);
		return registered.json().get("secret").asString();
	}

	ApiClient admin() {
		return admin(client(), mailbox, jdbc);
	}

	/** {@code fresh} signed in as a new platform administrator. */
	static ApiClient admin(ApiClient fresh, eu.pledge.testing.Mailbox mailbox, JdbcClient jdbc) {
		return admin(fresh, mailbox, jdbc, randomEmail());
	}

	/** {@code fresh} signed in as a new platform administrator with this email and {@link People#PASSWORD}. */
	static ApiClient admin(ApiClient fresh, eu.pledge.testing.Mailbox mailbox, JdbcClient jdbc, String email) {
		People.registerAndVerify(fresh, mailbox, email);
		People.signIn(fresh, email, People.PASSWORD);
		String id = fresh.get("/api/v1/me").json().get("id").asString();
		jdbc.sql("UPDATE accounts SET roles = 'ADMIN' WHERE id = :id").param("id", UUID.fromString(id)).update();
		fresh.forgetCookies();
		People.signIn(fresh, email, People.PASSWORD);
		return fresh;
	}

	private ApiClient bouncer(String key) {
		return bouncer(port, key);
	}

	private static ApiClient bouncer(int port, String key) {
		return new ApiClient(port) {
			@Override
			public Response get(String path) {
				return send("GET", path, null, Map.of("X-Api-Key", key));
			}
		};
	}

	private static JsonNode find(JsonNode decisions, long id) {
		assertThat(decisions).isNotNull();
		for (JsonNode decision : decisions) {
			if (decision.get("id").asLong() == id) {
				return decision;
			}
		}
		throw new AssertionError("decision " + id + " not in " + decisions);
	}
}
