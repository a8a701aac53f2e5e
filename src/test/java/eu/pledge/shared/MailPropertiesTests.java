package eu.pledge.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class MailPropertiesTests {

	private static MailProperties with(Duration first, Duration max, Duration giveUp, Duration lease, Duration timeout) {
		return new MailProperties("Pledge <no-reply@pledge.localhost>", Duration.ofDays(7), first, max, giveUp,
				Duration.ofSeconds(10), lease, timeout);
	}

	private static MailProperties defaults() {
		return with(Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofDays(2), Duration.ofMinutes(5),
				Duration.ofSeconds(30));
	}

	@Test
	void theWaitDoublesFromThirtySecondsToAtMostHalfAnHour() {
		MailProperties properties = defaults();

		assertThat(properties.retryAfter(1)).isEqualTo(Duration.ofSeconds(30));
		assertThat(properties.retryAfter(2)).isEqualTo(Duration.ofMinutes(1));
		assertThat(properties.retryAfter(3)).isEqualTo(Duration.ofMinutes(2));
		assertThat(properties.retryAfter(6)).isEqualTo(Duration.ofMinutes(16));
		assertThat(properties.retryAfter(7)).isEqualTo(Duration.ofMinutes(30));
		assertThat(properties.retryAfter(1000)).isEqualTo(Duration.ofMinutes(30));
	}

	@Test
	void refusesSettingsThatMakeNoSense() {
		Duration second = Duration.ofSeconds(1);
		assertThatIllegalArgumentException().isThrownBy(() -> with(Duration.ZERO, Duration.ofMinutes(30),
				Duration.ofDays(2), Duration.ofMinutes(5), Duration.ofSeconds(30)));
		assertThatIllegalArgumentException().as("first wait longer than the longest")
				.isThrownBy(() -> with(Duration.ofHours(1), Duration.ofMinutes(30), Duration.ofDays(2),
						Duration.ofMinutes(5), Duration.ofSeconds(30)));
		assertThatIllegalArgumentException().as("giving up before the longest wait")
				.isThrownBy(() -> with(second, Duration.ofHours(3), Duration.ofHours(2), Duration.ofMinutes(5),
						Duration.ofSeconds(30)));
		assertThatIllegalArgumentException().as("a claim a slow send outlives")
				.isThrownBy(() -> with(second, Duration.ofMinutes(30), Duration.ofDays(2), Duration.ofMinutes(1),
						Duration.ofSeconds(30)));
		assertThatIllegalArgumentException().isThrownBy(() -> new MailProperties(" ", Duration.ofDays(7), second,
				Duration.ofMinutes(30), Duration.ofDays(2), Duration.ofSeconds(10), Duration.ofMinutes(5), second));
		assertThatIllegalArgumentException().isThrownBy(() -> new MailProperties("Pledge", Duration.ZERO, second,
				Duration.ofMinutes(30), Duration.ofDays(2), Duration.ofSeconds(10), Duration.ofMinutes(5), second));
		assertThatIllegalArgumentException().isThrownBy(() -> new MailProperties("Pledge", Duration.ofDays(7), second,
				Duration.ofMinutes(30), Duration.ofDays(2), Duration.ZERO, Duration.ofMinutes(5), second));
	}
}
