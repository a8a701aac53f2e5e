package eu.pledge.accounts;

import java.util.Locale;
import java.util.regex.Pattern;

import eu.pledge.shared.Rejected;
import eu.pledge.shared.StorableText;

/** Normalisation and a sanity check of email addresses; the verification mail is the real check. */
final class EmailAddresses {

	private static final Pattern PLAUSIBLE = Pattern.compile("^[^@\\s\"<>()\\[\\],;:]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z0-9-]{2,63}$");

	private EmailAddresses() {
	}

	/** Trimmed and lower-cased: the form both the blind index and the stored value use. */
	static String normalize(String email) {
		return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
	}

	static String requirePlausible(String field, String email) {
		String normalized = normalize(email);
		if (normalized.length() > 254 || !PLAUSIBLE.matcher(normalized).matches()
				|| StorableText.problem(normalized, false) != null) {
			throw Rejected.badRequest(field, "Enter an email address like name@example.com.");
		}
		return normalized;
	}
}
