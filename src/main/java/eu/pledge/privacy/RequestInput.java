package eu.pledge.privacy;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.Rejected;

/** Reads what an administrator typed (API or form) into request values, refusing anything else by field. */
final class RequestInput {

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
		UUID id = DataSubjectRequests.uuid(value.strip());
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
}
