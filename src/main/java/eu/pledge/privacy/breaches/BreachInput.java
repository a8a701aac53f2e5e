package eu.pledge.privacy.breaches;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

import eu.pledge.shared.Rejected;
import eu.pledge.shared.StorableText;

/** Reads what an administrator typed (API or form) into breach values, refusing anything else by field. */
final class BreachInput {

	static final int MAX_TEXT = 2000;
	static final long MAX_SUBJECTS = 10_000_000_000L;

	private BreachInput() {
	}

	/** Storable text of at most 2000 characters; null when blank. */
	static String text(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.strip();
		if (text.length() > MAX_TEXT) {
			throw Rejected.badRequest(field, "Use at most " + MAX_TEXT + " characters.");
		}
		return StorableText.requireLines(field, text);
	}

	/**
	 * An instant as ISO-8601 with an offset, or a date and time without one, read as UTC (the forms' fields); to the
	 * second, which is all a breach record needs (and what both databases store alike).
	 */
	static Instant instant(String field, String value) {
		Instant instant = parse(field, value);
		return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS);
	}

	private static Instant parse(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.strip();
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException notWithOffset) {
			try {
				return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException ex) {
				throw Rejected.badRequest(field, "Enter the date and time as YYYY-MM-DDTHH:MM (UTC), e.g. 2026-03-01T14:30.");
			}
		}
	}

	static Boolean yesNo(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		return switch (value.strip().toLowerCase(Locale.ROOT)) {
			case "true", "yes", "on" -> Boolean.TRUE;
			case "false", "no", "off" -> Boolean.FALSE;
			default -> throw Rejected.badRequest(field, "Answer true or false.");
		};
	}

	/** A count of people; null when blank (unknown). */
	static Long count(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			long count = Long.parseLong(value.strip());
			if (count >= 0 && count <= MAX_SUBJECTS) {
				return count;
			}
		}
		catch (NumberFormatException ex) {
			// refused below
		}
		throw Rejected.badRequest(field, "Give a whole number of people (0 or more), or leave it empty when unknown.");
	}

	static UUID uuid(String id) {
		try {
			return id == null || id.length() != 36 ? null : UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}
}
