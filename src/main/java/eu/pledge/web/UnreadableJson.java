package eu.pledge.web;

import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.converter.HttpMessageNotReadableException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Which field of a JSON body could not be read, and what it should hold: {@code seats} for a
 * fraction where a whole number belongs, {@code endsAt} for a time Java cannot represent. Jackson knows the
 * path; its own message quotes the value and Java types, so it is never passed on.
 */
final class UnreadableJson {

	private UnreadableJson() {
	}

	/** {@code {field, message}} for the problem's {@code errors}, when the failure is at a named field. */
	static Optional<Map<String, String>> field(HttpMessageNotReadableException ex) {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
				String path = path(jackson);
				return path.isEmpty() ? Optional.empty() : Optional.of(Map.of("field", path, "message", expected(jackson)));
			}
		}
		return Optional.empty();
	}

	/** {@code address.street}, {@code systems.crm}: the notation of the validation errors. */
	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String expected(JacksonException ex) {
		Class<?> type = ex instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
		if (type == null) {
			return "This value cannot be read here.";
		}
		if (Temporal.class.isAssignableFrom(type)) {
			return "Give a time like 2026-01-31T00:00:00Z, from 1970 to 9999.";
		}
		if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
			return "Give a whole number.";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "Give true or false.";
		}
		if (type == String.class || type.isEnum()) {
			return "Give a text.";
		}
		if (Collection.class.isAssignableFrom(type) || type.isArray()) {
			return "Give a list.";
		}
		return "Give an object of the documented shape.";
	}
}
