package eu.pledge.shared;

/**
 * The one rule for free text that reaches a database, a mail or a page: what PostgreSQL and H2 both store as it
 * was given. PostgreSQL refuses NUL in any text ({@code invalid byte sequence for encoding "UTF8": 0x00}, a 500
 * where H2 stored it), and half of a UTF-16 surrogate pair has no UTF-8 form (the driver writes {@code ?}, so
 * the text silently changes). Other control characters are refused too, for they are never typed on purpose;
 * line breaks and tabs only where a field holds lines (a message, a comment, a note). Right-to-left marks and
 * every other printable character of any script are fine.
 * <p>
 * People's input is refused with the field named ({@link #require}, {@link #requireLines}, or
 * {@link Storable @Storable} on a form record); what another system sends is cleaned instead
 * ({@link #storable}), since refusing it would lose it.
 */
public final class StorableText {

	static final String CONTROL_IN_LINE = "Use text without control characters or line breaks.";
	static final String CONTROL_IN_LINES = "Use text without control characters (line breaks and tabs are fine).";
	static final String BROKEN_CHARACTER = "The text holds a broken character (half of a UTF-16 surrogate pair); type it again.";

	private StorableText() {
	}

	/** Why {@code value} cannot be stored, as a sentence for the person who typed it; null when it can (or is null). */
	public static String problem(String value, boolean lines) {
		if (value == null) {
			return null;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return BROKEN_CHARACTER;
			}
			else if (Character.isISOControl(c) && !(lines && (c == '\n' || c == '\r' || c == '\t'))) {
				return lines ? CONTROL_IN_LINES : CONTROL_IN_LINE;
			}
		}
		return null;
	}

	/** {@code value} as given when it is storable single-line text (or null); otherwise 400 naming {@code field}. */
	public static String require(String field, String value) {
		return checked(field, value, false);
	}

	/** {@link #require} for a field that holds lines: line breaks and tabs are allowed. */
	public static String requireLines(String field, String value) {
		return checked(field, value, true);
	}

	/**
	 * Text from another system made storable without refusing it: NUL characters removed, each half of a
	 * surrogate pair replaced by U+FFFD (what a decoder shows for a broken character); everything else kept.
	 */
	public static String storable(String value) {
		if (value == null || !holdsNulOrBrokenCharacter(value)) {
			return value;
		}
		StringBuilder clean = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
				clean.append(c).append(value.charAt(++i));
			}
			else if (Character.isSurrogate(c)) {
				clean.append('\uFFFD');
			}
			else if (c != '\0') {
				clean.append(c);
			}
		}
		return clean.toString();
	}

	private static boolean holdsNulOrBrokenCharacter(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
				i++;
			}
			else if (c == '\0' || Character.isSurrogate(c)) {
				return true;
			}
		}
		return false;
	}

	private static String checked(String field, String value, boolean lines) {
		String problem = problem(value, lines);
		if (problem != null) {
			throw Rejected.badRequest(field, problem);
		}
		return value;
	}
}
