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
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.pledge.protection.Decision;
import eu.pledge.protection.Decisions;
import eu.pledge.protection.Switches;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.People;
import eu.pledge.testing.SecondNode;

/**
 * Two nodes on one database, both on the real clock: a feature switched off on one is refused on the other within
 * about {@code block-refresh}, a lift on the other reopens it on both, and a sign-in challenge made on one is
 * asked on the other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SiteResponsesAcrossNodesTests {

	private static final Duration WITHIN = Duration.ofSeconds(3);

	@DynamicPropertySource
	static void edge(DynamicPropertyRegistry registry) {
		registry.add("pledge.web.trusted-proxies", () -> "127.0.0.1/32,::1/128");
	}

	@LocalServerPort
	int port;

	@Autowired
	Environment environment;

	@Autowired
	Switches switches;

	@Test
	void aSwitchAndAChallengeMadeOnOneNodeHoldOnBoth() throws Exception {
		try (SecondNode other = SecondNode.of(environment, Map.of())) {
			ApiClient here = new ApiClient(port).from("198.19.78." + (1 + (int) (Math.random() * 250)));
			ApiClient there = new ApiClient(other.port()).from(here.address());
			String email = "p-" + java.util.UUID.randomUUID().toString().substring(0, 12) + "@example.org";
			assertThat(there.post("/api/v1/accounts", People.registration(email)).status()).isEqualTo(201);

			Decision off = switches.switchOff(Switches.Feature.REGISTRATION, Duration.ofMinutes(5), "patrol:test", "patrol");
			try {
				await().atMost(WITHIN).until(() -> there.post("/api/v1/accounts", People.registration("x-" + email))
						.status() == 403);
				assertThat(here.post("/api/v1/accounts", People.registration("y-" + email)).status()).isEqualTo(403);
			}
			finally {
				assertThat(other.bean(Decisions.class).lift(off.id())).isTrue();
			}
			await().atMost(WITHIN).until(() -> here.post("/api/v1/accounts", People.registration("z-" + email))
					.status() == 201);

			Decision asked = other.bean(Switches.class).challengeSignIns(Duration.ofMinutes(5), "patrol:test", "patrol");
			try {
				await().atMost(WITHIN).until(switches::challengesSignIns);
				ApiClient.Response signIn = here.post("/api/v1/session", Map.of("email", email, "password", "whatever"));
				assertThat(signIn.status()).isEqualTo(400);
				assertThat(signIn.json().get("question").asString()).endsWith("= ?");
			}
			finally {
				other.bean(Decisions.class).lift(asked.id());
			}
		}
	}
}
