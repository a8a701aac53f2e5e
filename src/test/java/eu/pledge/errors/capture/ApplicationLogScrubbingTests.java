package eu.pledge.errors.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import eu.pledge.testing.HttpTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a library or driver puts into an exception message (here an email and an IP address, the way a
 * duplicate-key error quotes the value) does not reach the JSON application log: the line keeps the marker,
 * the exception type and the stack frames, and shows [Filtered] where the personal data was. The console, which
 * systemd's journal or a container runtime keeps, gets the same treatment.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApplicationLogScrubbingTests extends HttpTest {

	@Test
	void anExceptionMessageQuotingAnEmailOrAnAddressIsScrubbedInTheApplicationLog() throws Exception {
		Path file = Path.of(environment.getProperty("logging.file.name"));
		String marker = "scrub-probe-" + UUID.randomUUID();
		IllegalStateException failure = new IllegalStateException("Key (email)=(jane.doe@example.com) already exists",
				new RuntimeException("connection from 203.0.113.9 refused for jane.doe@example.com"));

		LoggerFactory.getLogger(ApplicationLogScrubbingTests.class).error("Unexpected failure {} for jane.doe@example.com",
				marker, failure);

		String line = await().until(() -> Files.readAllLines(file).stream().filter(l -> l.contains(marker)).findFirst()
				.orElse(null), found -> found != null);
		assertThat(line).doesNotContain("jane.doe@example.com").doesNotContain("203.0.113.9");
		JsonNode json = JsonMapper.builder().build().readTree(line);
		assertThat(json.get("message").asString()).isEqualTo("Unexpected failure " + marker + " for [Filtered]");
		assertThat(json.get("error").get("type").asString()).isEqualTo(IllegalStateException.class.getName());
		assertThat(json.get("error").get("message").asString()).isEqualTo("Key (email)=([Filtered]) already exists");
		assertThat(json.get("error").get("stack_trace").asString())
			.contains("ApplicationLogScrubbingTests.anExceptionMessageQuotingAnEmailOrAnAddressIsScrubbedInTheApplicationLog")
			.contains("Caused by: java.lang.RuntimeException: connection from [Filtered] refused for [Filtered]");
	}

	@Test
	void theConsoleShowsTheSameLineScrubbed(CapturedOutput output) {
		String marker = "console-probe-" + UUID.randomUUID();

		LoggerFactory.getLogger(ApplicationLogScrubbingTests.class).error("Unexpected failure {} for jane.doe@example.com",
				marker, new IllegalStateException("connection from 203.0.113.9 refused"));

		String console = output.getOut() + output.getErr();
		assertThat(console).contains("Unexpected failure " + marker + " for [Filtered]")
			.contains("java.lang.IllegalStateException: connection from [Filtered] refused")
			.doesNotContain("jane.doe@example.com").doesNotContain("203.0.113.9");
	}
}
