package eu.pledge.protection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuestionsTests {

	@Test
	void answersAreReadAsSmallIntegersWhateverTheSpacingOrSign() {
		assertThat(Questions.normalize(" 10 ")).isEqualTo("10");
		assertThat(Questions.normalize("+010")).isEqualTo("10");
		assertThat(Questions.normalize("\u22121")).isEqualTo("-1");
		assertThat(Questions.normalize("ten")).isNull();
		assertThat(Questions.normalize("1e3")).isNull();
		assertThat(Questions.normalize("99999")).isNull();
		assertThat(Questions.normalize(null)).isNull();
	}
}
