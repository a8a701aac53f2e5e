package eu.pledge.accounts;

import java.security.SecureRandom;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import eu.pledge.shared.Tokens;

/**
 * One-time recovery codes shown once at enrolment, such as {@code k7qp-2mxd-9fzt}, and the hash they are
 * stored under.
 */
final class RecoveryCodes {

	// No 0/o, 1/l/i: codes get written on paper and typed back from it. 31 symbols, 12 of them, give
	// 12 * log2(31) ≈ 59.4 bits per code.
	static final String ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";

	static final int MAX_COUNT = 100;

	private static final int GROUPS = 3;
	private static final int GROUP_LENGTH = 4;

	private static final SecureRandom RANDOM = new SecureRandom();

	private RecoveryCodes() {
	}

	/** {@code count} distinct codes, in display form. */
	static List<String> generate(int count) {
		if (count < 1 || count > MAX_COUNT) {
			throw new IllegalArgumentException("count must be between 1 and " + MAX_COUNT);
		}
		// a collision is astronomically unlikely, but two equal codes would silently be one
		Set<String> codes = new LinkedHashSet<>();
		while (codes.size() < count) {
			codes.add(newCode());
		}
		return List.copyOf(codes);
	}

	/** What a person typed, reduced to the form that is hashed: lowercase, no spaces, no dashes. */
	static String normalize(String input) {
		if (input == null) {
			return "";
		}
		return input.toLowerCase(Locale.ROOT).replaceAll("[\\s-]", "");
	}

	/**
	 * Hex SHA-256 of a normalised code. A fast hash is acceptable only because each code carries ~60 random
	 * bits: there is no dictionary to try, and online guessing hits the login throttle first. With a stolen
	 * table the margin is thinner than it looks, because unsalted hashes let one guess be tried against
	 * every stored code at once; what such a crack yields is a second factor, still useless without the
	 * password. Never reuse this for anything a person chose.
	 */
	static String hash(String normalized) {
		return Tokens.sha256(normalized);
	}

	private static String newCode() {
		StringBuilder code = new StringBuilder(GROUPS * (GROUP_LENGTH + 1));
		for (int group = 0; group < GROUPS; group++) {
			if (group > 0) {
				code.append('-');
			}
			for (int i = 0; i < GROUP_LENGTH; i++) {
				code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
			}
		}
		return code.toString();
	}
}
