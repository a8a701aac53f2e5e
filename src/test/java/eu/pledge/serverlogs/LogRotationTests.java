package eu.pledge.serverlogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;

/**
 * What Logback does with the access log's files (exactly the configuration {@link AccessLog} uses), and what
 * {@link LogRetention} adds. Logback's semantics, checked here rather than assumed: {@code maxHistory} counts
 * periods (days with the daily pattern); it deletes only when it starts or rolls over; and then only ~32 periods
 * further back than {@code maxHistory}, so an older file stays until our own rule removes it.
 */
class LogRotationTests {

	@TempDir
	Path directory;

	private final LoggerContext logback = new LoggerContext();
	private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

	@AfterEach
	void stopLogback() {
		logback.stop();
	}

	@Test
	void logbackDeletesDaysBeyondMaxHistoryAtStartButNotFilesLongForgotten() throws IOException {
		Path old = plant("access.json", 61);
		Path young = plant("access.json", 59);
		Path boundary = plant("access.json", 60);
		Path ancient = plant("access.json", 120);

		start();

		await().until(() -> !Files.exists(old));
		assertThat(young).exists();
		assertThat(boundary).exists();
		assertThat(ancient).as("Logback looks back only a limited number of periods").exists();
	}

	@Test
	void ourRetentionDeletesEveryFileWhoseDayEndedMoreThanTheRetentionAgo() throws IOException {
		Path old = plant("access.json", 61);
		Path oldSecondPart = Files.writeString(directory.resolve("access.json." + today.minusDays(61) + ".1.gz"), "");
		Path young = plant("access.json", 59);
		Path boundary = plant("access.json", 60);
		Path ancient = plant("access.json", 120);
		Path application = plant("pledge.json", 75);
		Path active = Files.writeString(directory.resolve("access.json"), "{}\n");
		Path unrelated = Files.writeString(directory.resolve("README.txt"), "not a log");

		long deleted = retention().sweep(Instant.now());

		assertThat(deleted).isEqualTo(4);
		assertThat(List.of(old, oldSecondPart, ancient, application)).allSatisfy(path -> assertThat(path).doesNotExist());
		assertThat(List.of(young, boundary, active, unrelated)).allSatisfy(path -> assertThat(path).exists());
		assertThat(retention().sweep(Instant.now())).as("idempotent").isZero();
	}

	@Test
	void retentionDeletesNothingWhenTheDirectoryDoesNotExistYet() {
		LogRetention retention = new LogRetention(properties(directory.resolve("missing")), Clock.systemUTC());

		assertThat(retention.sweep(Instant.now())).isZero();
	}

	@Test
	void rollsOverAtMidnightUtcAndCompressesTheEndedDay() throws IOException {
		RollingFileAppender<ILoggingEvent> appender = start();
		Logger lines = logger(appender);
		lines.info("{\"line\":\"of today\"}");

		TimeBasedRollingPolicy<?> policy = (TimeBasedRollingPolicy<?>) appender.getRollingPolicy();
		policy.getTimeBasedFileNamingAndTriggeringPolicy()
				.setCurrentTime(today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + 1000);
		lines.info("{\"line\":\"of tomorrow\"}");

		Path archived = directory.resolve("access.json." + today + ".0.gz");
		await().until(() -> Files.exists(archived) && !Files.exists(directory.resolve("access.json." + today + ".0")));
		assertThat(LogFiles.readLines(archived)).containsExactly("{\"line\":\"of today\"}");
		assertThat(LogFiles.readLines(directory.resolve("access.json"))).containsExactly("{\"line\":\"of tomorrow\"}");
	}

	@Test
	void theSizeCapDeletesTheOldestArchivesFirst() throws IOException {
		byte[] fourKilobytes = new byte[4096];
		List<Path> archives = new java.util.ArrayList<>();
		for (int daysAgo = 1; daysAgo <= 5; daysAgo++) {
			archives.add(Files.write(directory.resolve("access.json." + today.minusDays(daysAgo) + ".0.gz"), fourKilobytes));
		}

		AccessLog.rollingFile(logback, directory, new ServerLogsProperties(directory, Duration.ofDays(60), true,
				DataSize.ofKilobytes(1), DataSize.ofKilobytes(10), 8192, Duration.ofHours(1), "",
				Duration.ofSeconds(15), Duration.ofSeconds(1), Duration.ofSeconds(10)));

		await().until(() -> !Files.exists(archives.get(2)));
		assertThat(archives.subList(0, 2)).allSatisfy(path -> assertThat(path).exists());
		assertThat(archives.subList(2, 5)).allSatisfy(path -> assertThat(path).doesNotExist());
	}

	@Test
	void maxHistoryFollowsTheRetentionInDays() {
		RollingFileAppender<ILoggingEvent> appender = start();

		assertThat(((TimeBasedRollingPolicy<?>) appender.getRollingPolicy()).getMaxHistory()).isEqualTo(60);
	}

	private RollingFileAppender<ILoggingEvent> start() {
		return AccessLog.rollingFile(logback, directory, properties(directory));
	}

	private Logger logger(RollingFileAppender<ILoggingEvent> appender) {
		Logger logger = logback.getLogger("access");
		logger.setAdditive(false);
		logger.addAppender(appender);
		return logger;
	}

	private LogRetention retention() {
		return new LogRetention(properties(directory), Clock.systemUTC());
	}

	private Path plant(String log, int daysAgo) throws IOException {
		return Files.writeString(directory.resolve(log + "." + today.minusDays(daysAgo) + ".0.gz"), "");
	}

	static ServerLogsProperties properties(Path directory) {
		return new ServerLogsProperties(directory, Duration.ofDays(60), true, DataSize.ofMegabytes(100),
				DataSize.ofGigabytes(5), 8192, Duration.ofHours(1), "",
				Duration.ofSeconds(15), Duration.ofSeconds(1), Duration.ofSeconds(10));
	}
}
