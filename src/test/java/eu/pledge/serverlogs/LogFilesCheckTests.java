package eu.pledge.serverlogs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

import eu.pledge.privacy.spi.ComplianceCheck;

/**
 * {@code server-log-files-cleared-after-retention} reads this node's log files themselves: an archive of the access
 * log or of the application log past the 60-day retention fails it by name, wherever {@code logging.file.name}
 * puts the application log, until the retention rule deletes the file; so does an active file nobody wrote to since.
 */
class LogFilesCheckTests {

	@TempDir
	Path directory;

	@TempDir
	Path elsewhere;

	private final Instant now = Instant.now();
	private final LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
	private final MockEnvironment environment = new MockEnvironment();

	@Test
	void anOldApplicationLogArchiveFailsByNameUntilTheRuleDeletesIt() throws IOException {
		plant(directory, "access.json", 59);
		plant(directory, "pledge.json", 1);
		Files.writeString(directory.resolve("access.json"), "{}\n");
		Files.writeString(directory.resolve("pledge.json"), "{}\n");
		assertThat(check().check(now).passed()).isTrue();

		Path old = plant(directory, "pledge.json", 62);
		ComplianceCheck.Result failed = check().check(now);
		assertThat(failed.passed()).isFalse();
		assertThat(failed.evidence()).contains("1 log files on this node hold days past their period",
				old.getFileName().toString());

		retention().sweep(now);
		assertThat(old).doesNotExist();
		assertThat(check().check(now).passed()).isTrue();
	}

	@Test
	void anOldAccessLogArchiveFailsToo() throws IOException {
		Path old = plant(directory, "access.json", 63);

		assertThat(check().check(now).evidence()).contains(old.getFileName().toString());
		retention().sweep(now);
		assertThat(check().check(now).passed()).isTrue();
	}

	@Test
	void theApplicationLogIsFoundWhereLoggingFileNamePutsIt() throws IOException {
		environment.setProperty("logging.file.name", elsewhere.resolve("app.json").toString());
		Path old = plant(elsewhere, "app.json", 70);
		Path notOurs = plant(elsewhere, "other.log", 70);

		ComplianceCheck.Result failed = check().check(now);
		assertThat(failed.passed()).isFalse();
		assertThat(failed.evidence()).contains(old.getFileName().toString())
				.doesNotContain(notOurs.getFileName().toString());
		Files.delete(old); // Logback's maxHistory, or the operator: the rule sweeps its own directory only
		assertThat(check().check(now).passed()).isTrue();
	}

	@Test
	void anActiveFileNobodyWroteToForLongerThanTheRetentionFails() throws IOException {
		Path active = Files.writeString(directory.resolve("pledge.json"), "{}\n");
		Files.setLastModifiedTime(active, FileTime.from(now.minus(Duration.ofDays(62))));

		assertThat(check().check(now).evidence()).contains("pledge.json (last written");
		Files.setLastModifiedTime(active, FileTime.from(now));
		assertThat(check().check(now).passed()).isTrue();
	}

	private LogFilesCheck check() {
		return new LogFilesCheck(LogRotationTests.properties(directory), retention(), environment);
	}

	private LogRetention retention() {
		return new LogRetention(LogRotationTests.properties(directory), Clock.systemUTC());
	}

	private Path plant(Path in, String log, int daysAgo) throws IOException {
		return Files.writeString(in.resolve(log + "." + today.minusDays(daysAgo) + ".0.gz"), "");
	}
}
