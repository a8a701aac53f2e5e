package eu.pledge.serverlogs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import eu.pledge.privacy.spi.HeldItem;
import eu.pledge.shared.AccountId;

class LogFileHolderTests {

	@TempDir
	Path directory;

	private final AccountId person = AccountId.random();
	private final AccountId other = AccountId.random();
	private final LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(3);

	@Test
	void describesTheAccessLogFilesWithTheConfiguredRetention() {
		assertThat(holder().describe()).first().satisfies(store -> {
			assertThat(store.category()).isEqualTo("server-logs");
			assertThat(store.location()).startsWith("files:").endsWith("access.json*");
			assertThat(store.retention()).isEqualTo(Duration.ofDays(60));
		});
	}

	@Test
	void exportsThePersonsLinesFromActiveAndArchivedFiles() throws IOException {
		plantLogs();

		List<HeldItem> items = holder().export(person);

		assertThat(items).hasSize(2).allSatisfy(item -> {
			assertThat(item.category()).isEqualTo("server-logs");
			assertThat(item.kind()).isEqualTo("access-log-line");
			assertThat(item.toString()).doesNotContain("203.0.113.7");
		});
		assertThat(items).extracting(HeldItem::deletedBy).contains(
				day.plusDays(61).atStartOfDay(ZoneOffset.UTC).toInstant());
	}

	@Test
	void erasureRemovesThePersonsLinesAndTheirAddressAndBrowserElsewhere() throws IOException {
		plantLogs();

		holder().erase(person);

		String all = LogFiles.readLines(directory.resolve("access.json")) + "\n"
				+ LogFiles.readLines(directory.resolve("access.json." + day + ".0.gz"));
		assertThat(all).doesNotContain(person.toString(), "203.0.113.7", "PersonsBrowser/1.0");
		assertThat(all).contains(other.toString(), "198.51.100.9", "OthersBrowser/2.0");
		assertThat(LogFiles.readLines(directory.resolve("access.json"))).hasSize(2);
		assertThat(LogFiles.readLines(directory.resolve("access.json." + day + ".0.gz"))).hasSize(1)
				.allSatisfy(line -> assertThat(line).contains("\"clientIp\":null", "\"userAgent\":null", "/register"));
		assertThat(holder().export(person)).isEmpty();
		holder().erase(person); // idempotent
	}

	private void plantLogs() throws IOException {
		Files.writeString(directory.resolve("access.json"), String.join("\n",
				line("/api/v1/me", "PersonsBrowser/1.0", "203.0.113.7", person),
				line("/api/v1/me", "OthersBrowser/2.0", "198.51.100.9", other),
				line("/login", "OthersBrowser/2.0", "198.51.100.9", null)) + "\n");
		try (OutputStream out = new GZIPOutputStream(
				Files.newOutputStream(directory.resolve("access.json." + day + ".0.gz")))) {
			out.write((String.join("\n", line("/register", "PersonsBrowser/1.0", "203.0.113.7", null),
					line("/account", "PersonsBrowser/1.0", "203.0.113.7", person)) + "\n")
					.getBytes(StandardCharsets.UTF_8));
		}
	}

	private static String line(String path, String userAgent, String address, AccountId account) {
		return AccessLogLine.of(new RequestCompleted(Instant.now(), "GET", path, 200, Duration.ofMillis(3), 120,
				userAgent, address, "req-" + path.length() + "-abcdefgh", account));
	}

	/** This node's files alone: no other node is registered. */
	private LogFileHolder holder() {
		OtherNodes none = Mockito.mock(OtherNodes.class);
		Mockito.when(none.linesOf(Mockito.any())).thenReturn(new OtherNodes.Answers(List.of(), List.of()));
		return new LogFileHolder(LogRotationTests.properties(directory),
				new StaticListableBeanFactory().getBeanProvider(AccessLog.class), none);
	}
}
