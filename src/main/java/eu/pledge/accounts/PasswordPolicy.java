package eu.pledge.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;

import eu.pledge.shared.Rejected;

/**
 * NIST 800-63B style rules: a length range, no composition rules, and no password from the 10,000 most
 * common ones (the ranked list shipped inside nbvcxz, read from the jar; nothing is downloaded).
 */
@Component
class PasswordPolicy {

	private static final String RANKED_LIST = "/dictionaries/passwords.txt";
	private static final int MOST_COMMON = 10_000;

	private final PasswordProperties properties;
	private final Set<String> common;

	PasswordPolicy(PasswordProperties properties) {
		this.properties = properties;
		this.common = loadMostCommon();
	}

	/** Throws {@link Rejected} naming {@code field} when the password is not acceptable. */
	void check(String field, String password) {
		int length = password == null ? 0 : password.codePointCount(0, password.length());
		if (length < properties.minLength()) {
			throw Rejected.badRequest(field, "Use at least " + properties.minLength() + " characters.");
		}
		if (length > properties.maxLength()) {
			throw Rejected.badRequest(field, "Use at most " + properties.maxLength() + " characters.");
		}
		if (isCommon(password)) {
			throw Rejected.badRequest(field,
					"This password is among the most common ones and would be guessed quickly. Please choose another.");
		}
	}

	boolean isCommon(String password) {
		return common.contains(password.toLowerCase(Locale.ROOT));
	}

	private static Set<String> loadMostCommon() {
		Set<String> words = new HashSet<>(MOST_COMMON * 2);
		try (InputStream in = PasswordPolicy.class.getResourceAsStream(RANKED_LIST)) {
			if (in == null) {
				throw new IllegalStateException("The common-password list is missing from the classpath");
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			String line;
			while (words.size() < MOST_COMMON && (line = reader.readLine()) != null) {
				if (!line.isBlank()) {
					words.add(line.trim().toLowerCase(Locale.ROOT));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Set.copyOf(words);
	}
}
