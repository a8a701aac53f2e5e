package eu.pledge.patrol;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Recognises injection payloads in one value: SQL, script, path traversal, template and JNDI strings. Patterns
 * are compiled once and look at the first {@value #INSPECTED} characters only, so a long value costs no more than
 * a short one. They aim at what scanners and exploit kits send, not at every way to write an attack: a miss costs
 * a detection, a false positive would count a person's name or address against them (O'Brien, "12 Rue de
 * l'Église #3" and text with braces pass; {@code PayloadsTests}).
 */
final class Payloads {

	static final int INSPECTED = 512;

	private record Kind(String name, Pattern pattern) {
	}

	private static final List<Kind> KINDS = List.of(
			new Kind("jndi", Pattern.compile("\\$\\{\\s*(?:jndi\\s*:|\\$\\{|(?:lower|upper|env|sys|date|main|base64)\\s*:)",
					Pattern.CASE_INSENSITIVE)),
			new Kind("template", Pattern.compile("\\$\\{[^}\\s]{1,100}\\}|\\{\\{[^}]{1,100}\\}\\}|#\\{[^}]{1,100}\\}|<%=")),
			new Kind("traversal", Pattern.compile(
					"(?:\\.\\.|%2e%2e|\\.%2e|%2e\\.)(?:/|\\\\|%2f|%5c)|/etc/(?:passwd|shadow)\\b|\\\\windows\\\\win\\.ini",
					Pattern.CASE_INSENSITIVE)),
			new Kind("xss", Pattern.compile("<\\s*/?\\s*(?:script|iframe|svg|img|object|embed|body|math|details)\\b"
					+ "|(?:^|[\"'=\\s(])javascript\\s*:|\\bon(?:error|load|mouseover|focus|click|toggle|begin)\\s*=",
					Pattern.CASE_INSENSITIVE)),
			new Kind("sql", Pattern.compile("['\"]\\s*\\)?\\s*(?:or|and)\\s+(?:'[^']{0,20}'|\"[^\"]{0,20}\"|\\d+|[a-z_]+)"
					+ "\\s*(?:=|<|>|\\blike\\b)|\\bunion\\b(?:\\s|/\\*.{0,20}?\\*/)+(?:all\\s+)?select\\b"
					+ "|;\\s*(?:drop|delete|insert|update|truncate|alter|shutdown|exec)\\s"
					+ "|['\"]\\s*(?:--|;\\s*--|/\\*)|\\b(?:sleep|pg_sleep|benchmark)\\s*\\(\\s*\\d|\\bwaitfor\\s+delay\\b",
					Pattern.CASE_INSENSITIVE)));

	private Payloads() {
	}

	/** The kind of payload in {@code value} ({@code sql}, {@code xss}, …), or null. */
	static String kind(String value) {
		if (value == null || value.length() < 3) {
			return null;
		}
		String inspected = value.length() > INSPECTED ? value.substring(0, INSPECTED) : value;
		return plain(inspected) ? null : scan(inspected);
	}

	/** What the patterns find in {@code inspected}: the kind of the first that matches, or null. */
	static String scan(String inspected) {
		for (Kind kind : KINDS) {
			if (kind.pattern().matcher(inspected).find()) {
				return kind.name();
			}
		}
		return null;
	}

	/**
	 * Whether no pattern can match {@code value} because it holds only ASCII letters, digits, {@code /}, {@code -}
	 * and {@code _}, and no {@code etc/}: every pattern needs a character outside that set (a dollar sign, a brace,
	 * a backslash, a quote, white space or one of {@code # < . % : = ; ( *}) except {@code /etc/passwd} and
	 * {@code /etc/shadow}. Most request paths are such values ({@code /api/v1/me}); checking that is one pass over
	 * the characters instead of five regular expressions ({@code PayloadsTests} holds it to {@link #scan}).
	 */
	private static boolean plain(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '/' || c == '-'
					|| c == '_')) {
				return false;
			}
		}
		for (int i = 0; i + 4 <= value.length(); i++) {
			if (value.regionMatches(true, i, "etc/", 0, 4)) {
				return false;
			}
		}
		return true;
	}
}
