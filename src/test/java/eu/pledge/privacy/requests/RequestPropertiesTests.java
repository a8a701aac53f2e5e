package eu.pledge.privacy.requests;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RequestPropertiesTests {

	@Test
	void refusesARetentionOrWarningThatMakesNoSense() {
		assertThatNoException().isThrownBy(() -> new RequestProperties(Duration.ofDays(1095), Duration.ofDays(7)));
		assertThatIllegalArgumentException().isThrownBy(() -> new RequestProperties(Duration.ZERO, Duration.ofDays(7)));
		assertThatIllegalArgumentException().isThrownBy(() -> new RequestProperties(Duration.ofDays(1095), Duration.ofDays(32)));
		assertThatIllegalArgumentException().isThrownBy(() -> new RequestProperties(Duration.ofDays(1095), Duration.ofDays(-1)));
	}
}
