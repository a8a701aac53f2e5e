package eu.pledge.serverlogs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import eu.pledge.shared.AccountId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AccessLogLineTests {

	@Test
	void escapesWhateverAClientSendsSoEveryLineStaysOneValidJsonObject() {
		String userAgent = "evil\"}\n{\"status\":200\\ \u0001 \ud800 ünïcødé";
		String line = AccessLogLine.of(new RequestCompleted(Instant.parse("2026-11-27T10:15:30.123Z"), "GET",
				"/a\"b", 404, Duration.ofNanos(1_234_567), 0, userAgent, "::1", "abcdefgh12", AccountId.random()));

		assertThat(line).doesNotContain("\n");
		JsonNode json = JsonMapper.builder().build().readTree(line);
		assertThat(json.get("time").asString()).isEqualTo("2026-11-27T10:15:30.123Z");
		assertThat(json.get("path").asString()).isEqualTo("/a\"b");
		assertThat(json.get("status").asInt()).isEqualTo(404);
		assertThat(json.get("durationMs").asDouble()).isEqualTo(1.234);
		assertThat(json.get("userAgent").asString()).startsWith("evil\"}\n{").endsWith("ünïcødé");
		assertThat(json.properties()).hasSize(10);
	}
}
