package eu.pledge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import eu.pledge.protection.Switches.Feature;

class SwitchedOffFilterTests {

	@Test
	void saysTheMinuteAfterTheEndAndTheDayWhenItIsAnotherOne() {
		Instant now = Instant.parse("2026-12-04T10:00:00Z");
		assertThat(SwitchedOffFilter.message(Feature.REGISTRATION, Instant.parse("2026-12-04T11:04:01Z"), now))
				.isEqualTo("Registration is paused for a while because of unusual activity; try again after 11:05 UTC.");
		assertThat(SwitchedOffFilter.message(Feature.PASSWORD_RESET, Instant.parse("2026-12-04T11:04:00Z"), now))
				.isEqualTo("Password reset is paused for a while because of unusual activity; try again after 11:04 UTC.");
		assertThat(SwitchedOffFilter.message(Feature.CONTACT, Instant.parse("2026-12-05T00:30:00Z"), now)).isEqualTo(
				"The contact form is paused for a while because of unusual activity; try again after 2026-12-05 00:30 UTC.");
	}
}
