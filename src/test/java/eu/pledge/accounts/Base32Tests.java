package eu.pledge.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Base32Tests {

	@ParameterizedTest
	@CsvSource({ "'',''", "f,MY", "fo,MZXQ", "foo,MZXW6", "foob,MZXW6YQ", "fooba,MZXW6YTB", "foobar,MZXW6YTBOI" })
	void encodesAndDecodesTheRfc4648Vectors(String plain, String encoded) {
		assertThat(Base32.encode(plain.getBytes(StandardCharsets.US_ASCII))).isEqualTo(encoded);
		assertThat(Base32.decode(encoded)).asString(StandardCharsets.US_ASCII).isEqualTo(plain);
	}

	@Test
	void decodesLowercaseAndPaddedInput() {
		assertThat(Base32.decode("mzxw6ytboi======")).asString(StandardCharsets.US_ASCII).isEqualTo("foobar");
	}

	@Test
	void rejectsCharactersOutsideTheAlphabetWithoutEchoingTheInput() {
		assertThatIllegalArgumentException().isThrownBy(() -> Base32.decode("MZXW1SECRET"))
				.withMessageNotContaining("SECRET");
	}
}
