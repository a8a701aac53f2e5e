package eu.pledge.privacy.rights;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import eu.pledge.shared.Rejected;

/** Reads the end of a restriction as the API and the page take it: an ISO instant, or a day (through its end, UTC). */
final class RestrictionEnd {

	private RestrictionEnd() {
	}

	/** Null or blank: no end (until lifted). */
	static Instant parse(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String value = text.strip();
		if (value.length() > 40) {
			throw invalid();
		}
		try {
			if (value.length() == 10) {
				return LocalDate.parse(value).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw invalid();
		}
	}

	private static Rejected invalid() {
		return Rejected.badRequest("until", "Give the end as a date (2030-12-31) or a time (2030-12-31T18:00:00Z), or leave it out.");
	}
}
