package eu.pledge.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTests {

	// RFC 6238 Appendix B: the SHA1 key is the ASCII string "12345678901234567890"
	private static final String RFC_SECRET = Base32.encode("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

	@ParameterizedTest
	@CsvSource({ "59,287082", "1111111109,081804", "1111111111,050471", "1234567890,005924",
			"2000000000,279037", "20000000000,353130" })
	void matchesTheRfc6238Sha1Vectors(long epochSecond, String expected) {
		Instant time = Instant.ofEpochSecond(epochSecond);
		long step = epochSecond / 30;

		assertThat(Totp.code(RFC_SECRET, step)).isEqualTo(expected);
		assertThat(Totp.matchingStep(RFC_SECRET, expected, time, 0)).hasValue(step);
	}

	@Test
	void newSecretsAre160BitBase32WithoutPadding() {
		Set<String> secrets = new HashSet<>();
		for (int i = 0; i < 50; i++) {
			String secret = Totp.newSecret();
			assertThat(secret).matches("[A-Z2-7]{32}");
			assertThat(Base32.decode(secret)).hasSize(20);
			secrets.add(secret);
		}
		assertThat(secrets).hasSize(50);
	}

	@Test
	void acceptsCodesWithinTheAllowedDriftAndReportsTheirStep() {
		String secret = Totp.newSecret();
		Instant now = Instant.ofEpochSecond(1_700_000_000L);
		long current = Totp.stepAt(now);

		assertThat(Totp.matchingStep(secret, Totp.code(secret, current - 1), now, 1)).hasValue(current - 1);
		assertThat(Totp.matchingStep(secret, Totp.code(secret, current + 1), now, 1)).hasValue(current + 1);
		assertThat(Totp.matchingStep(secret, Totp.code(secret, current - 2), now, 1)).isEmpty();
		assertThat(Totp.matchingStep(secret, Totp.code(secret, current + 1), now, 0)).isEmpty();
	}

	@Test
	void ignoresSpacesInTheOfferedCode() {
		assertThat(Totp.matchingStep(RFC_SECRET, " 287 082 ", Instant.ofEpochSecond(59), 0)).hasValue(1);
	}

	@Test
	void rejectsCodesThatAreNotExactlySixDigits() {
		Instant time = Instant.ofEpochSecond(59);
		for (String bad : new String[] { null, "", "28708", "2870820", "28708a", "+87082", "２８７０８２" }) {
			assertThat(Totp.matchingStep(RFC_SECRET, bad, time, 1)).as(String.valueOf(bad)).isEmpty();
		}
	}

	@Test
	void rejectsAWrongCode() {
		assertThat(Totp.matchingStep(RFC_SECRET, "287083", Instant.ofEpochSecond(59), 1)).isEmpty();
	}

	@Test
	void refusesSecretsShorterThan128BitsAndUnreasonableDrift() {
		String shortSecret = Base32.encode(new byte[10]);
		assertThatIllegalArgumentException().isThrownBy(() -> Totp.code(shortSecret, 1));
		assertThatIllegalArgumentException()
				.isThrownBy(() -> Totp.matchingStep(RFC_SECRET, "287082", Instant.ofEpochSecond(59), -1));
		assertThatIllegalArgumentException().isThrownBy(
				() -> Totp.matchingStep(RFC_SECRET, "287082", Instant.ofEpochSecond(59), Totp.MAX_DRIFT + 1));
	}

	@Test
	void buildsAnEncodedOtpauthUri() {
		String uri = Totp.otpauthUri("Pledge Test", "anna+1@example.org", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");

		assertThat(uri).isEqualTo("otpauth://totp/Pledge%20Test:anna%2B1%40example.org"
				+ "?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Pledge%20Test&algorithm=SHA1&digits=6&period=30");
	}

	@Test
	void refusesAnIssuerContainingAColon() {
		assertThatIllegalArgumentException()
				.isThrownBy(() -> Totp.otpauthUri("Pledge: EU", "anna", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"));
	}
}
