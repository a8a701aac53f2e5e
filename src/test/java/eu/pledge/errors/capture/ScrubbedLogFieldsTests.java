package eu.pledge.errors.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import eu.pledge.errors.tracker.ErrorsProperties;

/**
 * The JSON log's scrubber is built while logging starts, before the properties are validated: an invalid
 * pattern must not break logging (the start is refused later, by the properties, with a message naming it),
 * and the built-in rules still apply meanwhile.
 */
class ScrubbedLogFieldsTests {

	@Test
	void anInvalidCustomPatternLeavesTheBuiltInRulesInForceAndTheClearMessageToTheProperties() {
		MockEnvironment environment = new MockEnvironment().withProperty("pledge.errors.scrub.patterns[0]", "(unclosed");

		ScrubbedLogFields fields = new ScrubbedLogFields(environment);

		assertThat(fields.scrub("duplicate key jane.doe@example.com")).isEqualTo("duplicate key [Filtered]");
		assertThatThrownBy(() -> new ErrorsProperties.Scrub(List.of("(unclosed"), List.of()))
			.hasMessageContaining("pledge.errors.scrub.patterns contains an invalid regular expression");
	}

	@Test
	void validCustomPatternsApplyToTheLogToo() {
		MockEnvironment environment = new MockEnvironment().withProperty("pledge.errors.scrub.patterns[0]",
				"ticket-[0-9]{6}");

		assertThat(new ScrubbedLogFields(environment).scrub("see ticket-123456")).isEqualTo("see [Filtered]");
	}
}
