package eu.pledge.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import eu.pledge.testing.AtOnce;

class TokensTests {

	/** FIPS 180-2's test vectors: the stored hashes of every link token and code depend on this exact output. */
	@Test
	void sha256IsTheStandardDigestInLowerCaseHex() {
		assertThat(Tokens.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
		assertThat(Tokens.sha256("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	}

	/**
	 * Every call works on its own copy of the digest made at start-up: forty threads hashing different values at
	 * once each get their value's hash, many times over (a digest shared between calls would mix their input).
	 */
	@Test
	void fortyThreadsAtOnceEachGetTheirOwnHash() throws Exception {
		List<Boolean> results = AtOnce.run(40, t -> {
			String value = "session:" + t + ":" + "x".repeat(t * 7);
			String expected = reference(value);
			return () -> {
				for (int i = 0; i < 2_000; i++) {
					if (!Tokens.sha256(value).equals(expected)) {
						return false;
					}
				}
				return true;
			};
		});
		assertThat(results).containsOnly(true);
	}

	private static String reference(String value) {
		try {
			return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
				.digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
