package eu.pledge.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class AuditPropertiesTests {

	@Test
	void periodsAreWholeUtcDaysAlignedOnTheEpoch() {
		AuditProperties daily = properties(Duration.ofDays(1), Duration.ofDays(60), Duration.ofMinutes(5));
		assertThat(daily.periodOf(Instant.parse("2025-05-01T23:59:59.999Z"))).isEqualTo(LocalDate.parse("2025-05-01"));
		AuditProperties weekly = properties(Duration.ofDays(7), Duration.ofDays(60), Duration.ofMinutes(5));
		assertThat(weekly.periodOf(Instant.parse("1970-01-08T00:00:00Z"))).isEqualTo(LocalDate.parse("1970-01-08"));
		assertThat(weekly.periodOf(Instant.parse("1970-01-07T23:00:00Z"))).isEqualTo(LocalDate.parse("1970-01-01"));
	}

	@Test
	void refusesValuesThatMakeNoSenseInsteadOfAdjustingThem() {
		assertThatIllegalArgumentException()
				.isThrownBy(() -> properties(Duration.ofHours(12), Duration.ofDays(60), Duration.ofMinutes(5)))
				.withMessageContaining("pledge.audit.period");
		assertThatIllegalArgumentException()
				.isThrownBy(() -> properties(Duration.ofDays(1), Duration.ofHours(1), Duration.ofMinutes(5)))
				.withMessageContaining("pledge.audit.retention");
		assertThatIllegalArgumentException()
				.isThrownBy(() -> properties(Duration.ofDays(1), Duration.ofDays(60), Duration.ofDays(1)))
				.withMessageContaining("pledge.audit.close-grace");
		assertThatIllegalArgumentException()
				.isThrownBy(() -> properties(Duration.ofDays(1), Duration.ZERO, Duration.ofMinutes(5)));
		assertThatIllegalArgumentException()
				.isThrownBy(() -> new AuditProperties(Duration.ofDays(1), Duration.ofDays(60), Duration.ofMinutes(5),
						Duration.ofMinutes(5), 7, 10_000, Duration.ofMinutes(1), Duration.ofMinutes(5)))
				.withMessageContaining("pledge.audit.checkpoint-grace");
	}

	private static AuditProperties properties(Duration period, Duration retention, Duration grace) {
		return new AuditProperties(period, retention, grace, Duration.ofMinutes(5), 7, 10_000, Duration.ofMinutes(1), Duration.ofSeconds(10));
	}
}
