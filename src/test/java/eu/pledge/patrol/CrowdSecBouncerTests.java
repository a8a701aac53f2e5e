package eu.pledge.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.springframework.jdbc.core.simple.JdbcClient;

import eu.pledge.protection.Decision;
import eu.pledge.protection.Decisions;
import eu.pledge.testing.HttpTest;

/**
 * A real CrowdSec bouncer, Debian's {@code crowdsec-custom-bouncer} (installed by {@code .ci/run}), pointed at
 * Pledge as at a CrowdSec Local API: it pulls the decisions stream every second and runs a script for each
 * decision added or deleted. The test fails, rather than skips, where the bouncer is not installed.
 */
class CrowdSecBouncerTests extends HttpTest {

	private static final Path BINARY = Path.of("/usr/bin/crowdsec-custom-bouncer");

	@Autowired
	Decisions decisions;

	@Test
	void anUnchangedBouncerEnforcesABanAndForgetsItWhenLifted() throws Exception {
		assertThat(BINARY).as("crowdsec-custom-bouncer is installed (apt-get install --no-install-recommends "
				+ "crowdsec-custom-bouncer; .ci/run does)").isExecutable();
		String key = CrowdSecApiTests.register(CrowdSecApiTests.admin(client(), mailbox, jdbc), "bouncer-under-test");
		Path dir = Files.createTempDirectory("pledge-bouncer");
		Path seen = dir.resolve("decisions.log");
		Path script = dir.resolve("record.sh");
		Files.writeString(script, "#!/bin/sh\necho \"$@\" >> " + seen + "\n");
		Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
		Path config = dir.resolve("bouncer.yaml");
		Files.writeString(config, """
				bin_path: %s
				feed_via_stdin: false
				total_retries: 0
				scenarios_containing: []
				scenarios_not_containing: []
				origins: []
				piddir: %s
				update_frequency: 1s
				cache_retention_duration: 10s
				daemonize: false
				log_mode: file
				log_dir: %s
				log_level: info
				api_url: http://127.0.0.1:%d/api/v1/patrol/crowdsec/
				api_key: %s
				prometheus:
				  enabled: false
				""".formatted(script, dir, dir, port, key));
		String address = randomAddress();
		Process bouncer = new ProcessBuilder(BINARY.toString(), "-c", config.toString()).redirectErrorStream(true)
				.redirectOutput(dir.resolve("stdout.log").toFile()).start();
		try {
			Decision ban = decisions.decide(Decision.Type.BAN, address, Duration.ofMinutes(20), "patrol:honeytrap",
					"patrol");
			await().atMost(Duration.ofSeconds(20)).until(() -> lines(seen).contains("add " + address + " "));

			clock.advance(Duration.ofSeconds(2)); // the stream asks for changes since the last pull, on this clock
			decisions.lift(ban.id());
			clock.advance(Duration.ofSeconds(2));
			await().atMost(Duration.ofSeconds(20)).until(() -> lines(seen).contains("del " + address + " "));
		}
		finally {
			bouncer.destroy();
			if (!bouncer.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
				bouncer.destroyForcibly();
			}
		}
	}

	@Autowired
	JdbcClient jdbc;

	private static String lines(Path file) throws IOException {
		return Files.exists(file) ? Files.readString(file) : "";
	}
}
