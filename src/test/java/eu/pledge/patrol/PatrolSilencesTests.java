package eu.pledge.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import eu.pledge.protection.Decisions;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.AtOnce;
import eu.pledge.testing.HttpTest;
import tools.jackson.databind.JsonNode;

/**
 * Administrators silence a rule for one key: the key's detections are still recorded, but the rule does not
 * answer them until the silence ends (early, or by itself). The same rules as {@link PatrolTests}.
 */
@TestPropertySource(properties = { "pledge.patrol.rules.honeytrap.responses=ban",
		"pledge.patrol.rules.scanning.responses=record,ban", "pledge.patrol.rules.sign-in-failures.responses=record,ban",
		"pledge.patrol.rules.access-denials.responses=record,ban" })
class PatrolSilencesTests extends HttpTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	Decisions decisions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PatrolData patrolData;

	@Test
	void aSilencedAddressIsRecordedButNotBannedUntilTheSilenceEnds() {
		ApiClient admin = CrowdSecApiTests.admin(client(), mailbox, jdbc);
		String scanner = randomAddress();
		ApiClient.Response created = admin.post("/api/v1/admin/patrol/silences", Map.of("rule", "honeytrap",
				"key", scanner));
		assertThat(created.status()).isEqualTo(201);
		long id = created.json().get("id").asLong();
		assertThat(Instant.parse(created.json().get("until").asString())).isEqualTo(clock.instant()
				.truncatedTo(java.time.temporal.ChronoUnit.MICROS).plus(Duration.ofHours(1)));

		ApiClient client = new ApiClient(port).from(scanner);
		client.get("/.env");
		await().atMost(WAIT).until(() -> detections(scanner) == 1);
		assertThat(decisions.inForceFor(scanner)).isEmpty();
		assertThat(client.get("/").status()).isEqualTo(200);
		assertThat(admin.get("/api/v1/admin/patrol/silences").json().findValuesAsString("key")).contains(scanner);

		assertThat(admin.delete("/api/v1/admin/patrol/silences?rule=honeytrap&key=" + scanner).status()).isEqualTo(204);
		assertThat(admin.delete("/api/v1/admin/patrol/silences/" + id).status()).isEqualTo(404);
		client.get("/.git/config");
		await().atMost(WAIT).until(() -> !decisions.inForceFor(scanner).isEmpty());
		assertThat(client.get("/").status()).isEqualTo(429);

		// both audited by the silence's id; the address is nowhere in the trail
		assertThat(jdbc.sql("SELECT action FROM audit_events WHERE target_type = 'silence' AND target_id = :id ORDER BY id")
				.param("id", Long.toString(id)).query(String.class).list())
				.containsExactlyInAnyOrder("patrol.silenced", "patrol.silence-ended");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE detail LIKE :a").param("a", "%" + scanner + "%")
				.query(Long.class).single()).isZero();
		decisions.inForceFor(scanner).forEach(d -> decisions.lift(d.id()));
	}

	@Test
	void aSilenceEndsByItselfAndTheRetentionRuleDeletesIt() {
		ApiClient admin = CrowdSecApiTests.admin(client(), mailbox, jdbc);
		String scanner = randomAddress();
		assertThat(admin.post("/api/v1/admin/patrol/silences", Map.of("rule", "honeytrap", "key", scanner,
				"until", clock.instant().plus(Duration.ofMinutes(30)).toString())).status()).isEqualTo(201);
		clock.advance(Duration.ofMinutes(31));

		new ApiClient(port).from(scanner).get("/wp-login.php");
		await().atMost(WAIT).until(() -> !decisions.inForceFor(scanner).isEmpty());
		assertThat(admin.get("/api/v1/admin/patrol/silences").json().findValuesAsString("key")).doesNotContain(scanner);
		assertThat(silences(scanner)).isEqualTo(1);
		patrolData.sweep(clock.instant());
		assertThat(silences(scanner)).isZero();
		decisions.inForceFor(scanner).forEach(d -> decisions.lift(d.id()));
	}

	@Test
	void aSilenceNamesARuleAKeyOfItsKindAndAnEndWithinTheRecordLifetime() {
		ApiClient admin = CrowdSecApiTests.admin(client(), mailbox, jdbc);
		assertRefused(admin.post("/api/v1/admin/patrol/silences", Map.of("rule", "no-such-rule", "key", "192.0.2.1")),
				"rule");
		assertRefused(admin.post("/api/v1/admin/patrol/silences", Map.of("rule", "honeytrap", "key", "not an address")),
				"key");
		assertRefused(admin.post("/api/v1/admin/patrol/silences", Map.of("rule", "account-attacked", "key", "192.0.2.1")),
				"key");
		assertRefused(admin.post("/api/v1/admin/patrol/silences", Map.of("rule", "honeytrap", "key", "192.0.2.1",
				"until", clock.instant().plus(Duration.ofHours(49)).toString())), "until");
		assertRefused(admin.post("/api/v1/admin/patrol/silences", Map.of("rule", "honeytrap", "key", "192.0.2.1",
				"until", clock.instant().minusSeconds(1).toString())), "until");
		assertThat(admin.post("/api/v1/admin/patrol/silences", Map.of("rule", "sign-in-wave")).status()).isEqualTo(201);
		assertThat(admin.delete("/api/v1/admin/patrol/silences?rule=sign-in-wave").status()).isEqualTo(204);
		assertThat(admin.send("POST", "/api/v1/admin/patrol/silences", "{", Map.of("Content-Type", "application/json"))
				.status()).isEqualTo(400);

		ApiClient person = client();
		signedInAccount(person);
		assertThat(person.post("/api/v1/admin/patrol/silences", Map.of("rule", "honeytrap", "key", "192.0.2.1"))
				.status()).isIn(403, 404);
		assertThat(person.get("/api/v1/admin/patrol/silences").status()).isIn(403, 404);
	}

	@Test
	void fortyAdministratorsSilencingTheSameKeyAtOnceLeaveOneSilence() throws Exception {
		ApiClient admin = CrowdSecApiTests.admin(client(), mailbox, jdbc);
		String scanner = randomAddress();
		assertThat(AtOnce.times(40,
				() -> admin.post("/api/v1/admin/patrol/silences", Map.of("rule", "scanning", "key", scanner)).status()))
				.containsOnly(201);
		assertThat(silences(scanner)).isEqualTo(1);
	}

	@Test
	void fortyAdministratorsSilencingAndEndingTheSameKeyAtOnceGetNoErrors() throws Exception {
		ApiClient admin = CrowdSecApiTests.admin(client(), mailbox, jdbc);
		String scanner = randomAddress();
		List<List<Integer>> sent = AtOnce.run(40, i -> () -> {
			List<Integer> statuses = new ArrayList<>();
			for (int round = 0; round < 5; round++) {
				statuses.add(i % 2 == 1
						? admin.delete("/api/v1/admin/patrol/silences?rule=scanning&key=" + scanner).status()
						: admin.post("/api/v1/admin/patrol/silences", Map.of("rule", "scanning", "key", scanner))
								.status());
			}
			return statuses;
		});
		for (int i = 0; i < sent.size(); i++) {
			List<Integer> allowed = i % 2 == 1 ? List.of(204, 404) : List.of(201);
			assertThat(sent.get(i)).as(i % 2 == 1 ? "ending" : "silencing")
					.allSatisfy(status -> assertThat(status).isIn(allowed));
		}
		assertThat(silences(scanner)).isLessThanOrEqualTo(1);
	}

	@Test
	void thePageSilencesARuleAndEndsTheSilence() {
		ApiClient admin = CrowdSecApiTests.admin(client(), mailbox, jdbc);
		String scanner = randomAddress();
		ApiClient.Response silenced = form(admin, "/admin/patrol/silences",
				"rule=scanning&key=" + scanner + "&hours=2");
		assertThat(silenced.status()).isEqualTo(302);
		String page = admin.get("/admin/patrol").body();
		assertThat(page).contains("Rule scanning silenced", scanner);
		JsonNode silence = admin.get("/api/v1/admin/patrol/silences").json();
		long id = -1;
		for (JsonNode s : silence) {
			if (s.get("key").asString().equals(scanner)) {
				id = s.get("id").asLong();
			}
		}
		assertThat(id).isPositive();

		assertThat(form(admin, "/admin/patrol/silences", "rule=scanning&key=somewhere&hours=2").status()).isEqualTo(302);
		assertThat(admin.get("/admin/patrol").body()).contains("the key is an IPv4 or IPv6 address");
		assertThat(form(admin, "/admin/patrol/silences", "rule=scanning&key=" + scanner + "&hours=many").status())
				.isEqualTo(302);
		assertThat(admin.get("/admin/patrol").body()).contains("Hours is a whole number.");

		assertThat(form(admin, "/admin/patrol/silences/" + id + "/end", "").status()).isEqualTo(302);
		assertThat(admin.get("/admin/patrol").body()).contains("Silence " + id + " ended.").doesNotContain(scanner);
	}

	private static ApiClient.Response form(ApiClient client, String action, String fields) {
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(client.get("/admin/patrol").body());
		assertThat(csrf.find()).isTrue();
		String body = "_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8) + (fields.isEmpty() ? "" : "&" + fields);
		return client.send("POST", action, body, Map.of("Content-Type", "application/x-www-form-urlencoded",
				"Accept", "text/html"));
	}

	private static void assertRefused(ApiClient.Response response, String field) {
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
	}

	private long silences(String key) {
		return jdbc.sql("SELECT COUNT(*) FROM patrol_silences WHERE key_value = :k").param("k", key).query(Long.class)
				.single();
	}

	private long detections(String address) {
		return jdbc.sql("SELECT COUNT(*) FROM patrol_detections WHERE address = :a").param("a", address)
				.query(Long.class).single();
	}
}
