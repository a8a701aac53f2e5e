package eu.pledge.serverlogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.SecondNode;

/**
 * A node whose log disk is full (its access log is {@code /dev/full}, where every write fails with ENOSPC)
 * goes on serving, says so in its health, and logs one line a minute about it, not one per request.
 */
class LogDiskFullTests extends HttpTest {

	@Test
	void aNodeWithAFullLogDiskKeepsServingAndSaysSoInHealthAndOnceAMinute() throws Exception {
		Path logs = Files.createTempDirectory("pledge-full-disk");
		Path full = Path.of("/dev/full");
		Files.createSymbolicLink(logs.resolve(AccessLog.ACTIVE_FILE), full);
		// Logback dates an existing active file by its modification time (through the link: /dev/full's, usually the
		// machine's boot) and rolls a file of an earlier day over at the first write, replacing the link with a fresh
		// file: after midnight the disk would not look full. Today's time keeps the link in place.
		Files.setLastModifiedTime(full, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
		// Attached once the node runs: starting it re-initialises logging, which would drop the appender.
		Logger logger = (Logger) LoggerFactory.getLogger(LogDiskHealth.class);
		ListAppender<ILoggingEvent> lines = new ListAppender<>();
		lines.start();
		try (SecondNode node = SecondNode.of(environment, Map.of(), logs)) {
			logger.addAppender(lines);
			ApiClient client = new ApiClient(node.port()).from(randomAddress());
			for (int i = 0; i < 50; i++) {
				assertThat(client.get("/privacy").status()).isEqualTo(200);
			}
			ApiClient.Response health = await().until(() -> client.get("/actuator/health"),
					response -> response.body().contains("DEGRADED"));
			assertThat(health.status()).as("still serving: a load balancer keeps the node").isEqualTo(200);
			assertThat(new ApiClient(port).get("/actuator/health").body()).contains("UP");

			node.bean(LogDiskHealth.class).report(); // what the scheduler does once a minute
			List<ILoggingEvent> warnings = lines.list.stream()
					.filter(event -> event.getLoggerName().equals(LogDiskHealth.class.getName())).toList();
			assertThat(warnings).singleElement()
					.satisfies(event -> assertThat(event.getFormattedMessage()).contains("cannot be written", "failing since"));
		}
		finally {
			logger.detachAppender(lines);
		}
	}
}
