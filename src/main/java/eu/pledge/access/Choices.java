package eu.pledge.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import eu.pledge.shared.Rejected;

/** Reads an enum value a person typed, refusing anything else with the field and the choices named. */
final class Choices {

	private Choices() {
	}

	static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
		if (value == null) {
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
}
