package eu.pledge.serverlogs;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class ServerLogsPropertiesTests {

	private static final Path DIRECTORY = Path.of("logs");

	@Test
	void refusesARetentionThatIsNotWholeDays() {
		assertThatIllegalArgumentException().isThrownBy(() -> with(Duration.ofHours(36), DataSize.ofMegabytes(100)))
				.withMessageContaining("pledge.serverlogs.retention");
		assertThatIllegalArgumentException().isThrownBy(() -> with(Duration.ZERO, DataSize.ofMegabytes(100)))
				.withMessageContaining("pledge.serverlogs.retention");
	}

	@Test
	void refusesAFileSizeAboveTheTotalCap() {
		assertThatIllegalArgumentException().isThrownBy(() -> with(Duration.ofDays(60), DataSize.ofGigabytes(10)))
				.withMessageContaining("pledge.serverlogs.total-size-cap");
	}

	private static ServerLogsProperties with(Duration retention, DataSize maxFileSize) {
		return new ServerLogsProperties(DIRECTORY, retention, true, maxFileSize, DataSize.ofGigabytes(5), 8192,
				Duration.ofHours(1), "",
				Duration.ofSeconds(15), Duration.ofSeconds(1), Duration.ofSeconds(10));
	}
}
