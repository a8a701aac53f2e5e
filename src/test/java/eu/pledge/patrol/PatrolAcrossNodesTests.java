package eu.pledge.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.pledge.protection.Decisions;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.SecondNode;

/**
 * Two nodes on one database, both on the real clock: scanning spread over both is counted once, and the ban one
 * of them decides turns the scanner away on both.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PatrolAcrossNodesTests {

	private static final Map<String, String> RULES = Map.of("pledge.patrol.rules.scanning.responses", "record,ban");

	@DynamicPropertySource
	static void rules(DynamicPropertyRegistry registry) {
		RULES.forEach((name, value) -> registry.add(name, () -> value));
		registry.add("pledge.web.trusted-proxies", () -> "127.0.0.1/32,::1/128");
	}

	@LocalServerPort
	int port;

	@Autowired
	Environment environment;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Decisions decisions;

	@Test
	void scanningSpreadOverTwoNodesIsCountedOnceAndBannedOnBoth() throws Exception {
		String address = "198.19.77." + (1 + (int) (Math.random() * 250));
		try (SecondNode other = SecondNode.of(environment, RULES)) {
			ApiClient here = new ApiClient(port).from(address);
			ApiClient there = new ApiClient(other.port()).from(address);
			for (int i = 0; i < 15; i++) { // 30 in all: the first attack, recorded
				here.get("/probe-here-" + i);
				there.get("/probe-there-" + i);
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> responses(address) == 1);
			assertThat(decisions.inForce()).noneMatch(d -> d.address().equals(address));

			for (int i = 0; i < 15; i++) { // the second: banned
				here.get("/more-here-" + i);
				there.get("/more-there-" + i);
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> here.get("/").status() == 429);
			await().atMost(Duration.ofSeconds(10)).until(() -> there.get("/").status() == 429);
			assertThat(responses(address)).isEqualTo(2);
			assertThat(jdbc.sql("SELECT COUNT(*) FROM protection_decisions WHERE address = :a").param("a", address)
					.query(Long.class).single()).isEqualTo(1);
			decisions.inForce().stream().filter(d -> d.address().equals(address)).forEach(d -> decisions.lift(d.id()));
		}
	}

	private int responses(String address) {
		return jdbc.sql("SELECT responses FROM patrol_offenders WHERE rule = 'scanning' AND key_value = :a")
				.param("a", address).query(Integer.class).optional().orElse(0);
	}
}
