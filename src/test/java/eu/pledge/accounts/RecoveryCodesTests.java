package eu.pledge.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

class RecoveryCodesTests {

	@Test
	void generatesTheRequestedNumberOfDistinctCodes() {
		List<String> codes = RecoveryCodes.generate(10);

		assertThat(codes).hasSize(10).doesNotHaveDuplicates();
	}

	@Test
	void formatsCodesAsThreeGroupsOfFourUnambiguousCharacters() {
		for (String code : RecoveryCodes.generate(RecoveryCodes.MAX_COUNT)) {
			assertThat(code).matches("[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{4}");
			assertThat(code).doesNotContain("0", "o", "1", "l", "i");
		}
	}

	@Test
	void usesTheWholeAlphabet() {
		String all = String.join("", RecoveryCodes.generate(RecoveryCodes.MAX_COUNT));
		for (char c : RecoveryCodes.ALPHABET.toCharArray()) {
			assertThat(all).contains(String.valueOf(c));
		}
	}

	@Test
	void normalizesCaseSpacesAndDashes() {
		assertThat(RecoveryCodes.normalize(" K7QP-2mxd 9FZT\t")).isEqualTo("k7qp2mxd9fzt");
		assertThat(RecoveryCodes.normalize("k7qp2mxd9fzt")).isEqualTo("k7qp2mxd9fzt");
		assertThat(RecoveryCodes.normalize(null)).isEmpty();
	}

	@Test
	void hashesTheNormalizedFormSoTypingVariantsMatch() {
		String code = RecoveryCodes.generate(1).get(0);
		String stored = RecoveryCodes.hash(RecoveryCodes.normalize(code));

		assertThat(stored).matches("[0-9a-f]{64}");
		String retyped = code.toUpperCase(Locale.ROOT).replace("-", " ");
		assertThat(RecoveryCodes.hash(RecoveryCodes.normalize(retyped))).isEqualTo(stored);
	}

	@Test
	void hashesAsHexSha256() {
		assertThat(RecoveryCodes.hash("abc"))
				.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	@Test
	void refusesUnreasonableCounts() {
		assertThatIllegalArgumentException().isThrownBy(() -> RecoveryCodes.generate(0));
		assertThatIllegalArgumentException().isThrownBy(() -> RecoveryCodes.generate(RecoveryCodes.MAX_COUNT + 1));
	}
}
