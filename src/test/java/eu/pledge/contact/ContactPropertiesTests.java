package eu.pledge.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ContactPropertiesTests {

	private static ContactProperties with(Duration minimumFillTime, Duration validity, int limit, Duration window,
			String staff) {
		return new ContactProperties(Duration.ofDays(180), minimumFillTime, validity, limit, window, staff);
	}

	@Test
	void anEmptyStaffAddressMeansNoNotice() {
		assertThat(with(Duration.ofSeconds(3), Duration.ofHours(1), 5, Duration.ofHours(1), " ").staffAddress()).isNull();
		assertThat(with(Duration.ZERO, Duration.ofHours(1), 5, Duration.ofHours(1), "dpo@example.org").staffAddress())
				.isEqualTo("dpo@example.org");
	}

	@Test
	void refusesSettingsThatMakeNoSenseOrKeepTheAddressHashTooLong() {
		assertThatIllegalArgumentException().isThrownBy(() -> with(Duration.ofSeconds(3), Duration.ofHours(1), 5, Duration.ofHours(25), null));
		assertThatIllegalArgumentException().isThrownBy(() -> with(Duration.ofSeconds(3), Duration.ofHours(1), 0, Duration.ofHours(1), null));
		assertThatIllegalArgumentException().isThrownBy(() -> with(Duration.ofHours(2), Duration.ofHours(1), 5, Duration.ofHours(1), null));
		assertThatIllegalArgumentException().isThrownBy(() -> with(Duration.ofSeconds(-1), Duration.ofHours(1), 5, Duration.ofHours(1), null));
		assertThatIllegalArgumentException().isThrownBy(() -> with(Duration.ofSeconds(3), Duration.ofHours(1), 5, Duration.ofHours(1), "staff"));
		assertThatIllegalArgumentException().isThrownBy(() -> new ContactProperties(Duration.ZERO, Duration.ofSeconds(3),
				Duration.ofHours(1), 5, Duration.ofHours(1), null));
	}
}
