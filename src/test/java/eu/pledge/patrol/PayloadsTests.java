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

	@org.junit.jupiter.api.Test
	void looksAtTheFirstCharactersOnly() {
		assertThat(Payloads.kind("a".repeat(Payloads.INSPECTED) + "<script>")).isNull();
	}
}
