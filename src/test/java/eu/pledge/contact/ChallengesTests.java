package eu.pledge.contact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChallengesTests {

	@Test
	void answersAreReadAsSmallIntegersWhateverTheSpacingOrSign() {
		assertThat(Challenges.normalize(" 10 ")).isEqualTo("10");
		assertThat(Challenges.normalize("+010")).isEqualTo("10");
		assertThat(Challenges.normalize("\u22121")).isEqualTo("-1");
		assertThat(Challenges.normalize("ten")).isNull();
		assertThat(Challenges.normalize("1e3")).isNull();
		assertThat(Challenges.normalize("99999")).isNull();
		assertThat(Challenges.normalize(null)).isNull();
	}
}
