package eu.pledge.privacy.requests;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.Rejected;
import eu.pledge.shared.StorableText;

/** Reads what an administrator typed (API or form) into request values, refusing anything else by field. */
public final class RequestInput {

	static final int MAX_TEXT = 2000;
	private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,253}");

	private RequestInput() {
	}

	static <E extends Enum<E>> E choice(Class<E> type, String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equalsIgnoreCase(value.strip())) {
				return constant;
			}
		}
		throw Rejected.badRequest(field, "Choose one of: " + Arrays.stream(type.getEnumConstants())
				.map(constant -> constant.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ".");
	}

	static AccountId account(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		UUID id = uuid(value.strip());
		if (id == null) {
			throw Rejected.badRequest(field, "An account id looks like 3f2b…-…, 36 characters; leave it empty when unknown.");
		}
		return new AccountId(id);
	}

	static LocalDate date(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw Rejected.badRequest(field, "Enter the date as YYYY-MM-DD.");
		}
	}

	public static String email(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String email = value.strip();
		if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
			throw Rejected.badRequest("contactEmail", "Enter an email address like name@example.org.");
		}
		return StorableText.require("contactEmail", email);
	}

	public static String text(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.strip();
		if (text.length() > MAX_TEXT) {
			throw Rejected.badRequest(field, "Use at most " + MAX_TEXT + " characters.");
		}
		return StorableText.requireLines(field, text);
	}

	public static UUID uuid(String id) {
		try {
			return id == null || id.length() != 36 ? null : UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}
}
