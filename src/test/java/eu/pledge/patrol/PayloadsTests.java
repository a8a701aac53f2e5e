package eu.pledge.patrol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PayloadsTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`', value = { "' OR 1=1--|sql", "admin'--|sql", "1 UNION ALL SELECT null,null|sql",
			"x'; DROP TABLE accounts; --|sql", "1' AND SLEEP(5)#|sql", "\" or \"a\"=\"a|sql",
			"<script>alert(1)</script>|xss", "<img src=x onerror=alert(1)>|xss", "javascript:alert(1)|xss",
			"<svg/onload=alert(1)>|xss", "../../etc/passwd|traversal", "..%2f..%2fwindows|traversal",
			"..\\..\\boot.ini|traversal", "${7*7}|template", "{{7*7}}|template", "#{7*7}|template",
			"${jndi:ldap://x/a}|jndi", "${${lower:j}ndi:dns://x}|jndi" })
	void recognisesWhatScannersSend(String value, String kind) {
		assertThat(Payloads.kind(value)).isEqualTo(kind);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Seán O'Brien", "D'Arcy-Smith", "12 Rue de l'Église #3", "Flat #4, Block {B}",
			"Rock 'n' roll", "It's 5 o'clock", "Price: $5 (or less)", "see pages 3-4... and/or call", "a.b@example.org",
			"I'd like to select an option from the list where possible", "O'Neil and O'Hara", "Notes {draft}",
			"C# and F#", "1/2 cup", "café & crème" })
	void leavesPeoplesInputAlone(String value) {
		assertThat(Payloads.kind(value)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/me", "/account/apps", "/etc/passwd", "/ETC/shadow", "/x/etc/passwd-1",
			"/static/..%2f..%2fetc", "/a/b_c-d", "UNION/SELECT", "union select", "UNION/**/SELECT",
			"waitfor delay", "javascript:x", "a../b", "x=onerror=1" })
	void theShortcutDecidesAsThePatternsDo(String value) {
		assertThat(Payloads.kind(value)).isEqualTo(Payloads.scan(value));
	}

	/**
	 * The shortcut for plain values never hides what the patterns find: random values made of words of the plain
	 * alphabet and one other character (or piece), for each character some pattern needs, each decided both ways. A
	 * shortcut that let one more character through (a dot, a colon, a space) fails here.
	 */
	@org.junit.jupiter.api.Test
	void theShortcutAgreesWithThePatternsOnRandomValues() {
		String[] words = { "a", "Z", "0", "/", "-", "_", "etc/", "passwd", "union", "select", "waitfor", "delay",
				"javascript", "on", "error", "sleep", "jndi", "script" };
		String[] others = { " ", "\t", "$", "{", "}", "#", "<", ".", "..", "%", "%2e", "%2f", "\\", ":", "=", "'",
				"\"", ";", "(", "*", "/*", "win.ini", "é" };
		java.util.regex.Pattern plain = java.util.regex.Pattern.compile("[A-Za-z0-9/_-]+");
		java.util.Random random = new java.util.Random(17);
		for (String other : others) {
			int found = 0;
			int plainValues = 0;
			for (int n = 0; n < 20_000; n++) {
				StringBuilder value = new StringBuilder();
				for (int length = 1 + random.nextInt(6); length > 0; length--) {
					int i = random.nextInt(words.length + 1);
					value.append(i == words.length ? other : words[i]);
				}
				String expected = value.length() < 3 ? null : Payloads.scan(value.toString());
				assertThat(Payloads.kind(value.toString())).as(value.toString()).isEqualTo(expected);
				found += expected == null ? 0 : 1;
				plainValues += plain.matcher(value).matches() ? 1 : 0;
			}
			assertThat(plainValues).as("plain values, where the shortcut answers, beside " + other).isGreaterThan(1_000);
			if (!other.equals("}") && !other.equals("é") && !other.equals("%2f")) {
				assertThat(found).as("payloads the patterns found with " + other).isPositive();
			}
		}
	}

	@org.junit.jupiter.api.Test
	void looksAtTheFirstCharactersOnly() {
		assertThat(Payloads.kind("a".repeat(Payloads.INSPECTED) + "<script>")).isNull();
	}
}
