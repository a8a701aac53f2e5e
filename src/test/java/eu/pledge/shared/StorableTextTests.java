package eu.pledge.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The one rule for what every database stores: text without NUL or broken characters, instants of 1970-9999. */
class StorableTextTests {

	@Test
	void takesEveryScriptRightToLeftMarksAndCharactersBeyondTheBasicPlane() {
		for (String text : new String[] { "Ada Lovelace", "\u200f\u05e9\u05dc\u05d5\u05dd\u200f", "Zoë 🚀 李", "", "\u00a0x" }) {
			assertThat(StorableText.problem(text, false)).as(text).isNull();
		}
	}

	@Test
	void refusesNulControlsAndHalvesOfSurrogatePairsNamingTheField() {
		assertThat(StorableText.problem("a\u0000b", true)).isEqualTo(StorableText.CONTROL_IN_LINES);
		assertThat(StorableText.problem("a\u0007b", false)).isEqualTo(StorableText.CONTROL_IN_LINE);
		assertThat(StorableText.problem("a\nb", false)).as("no line break in a line").isNotNull();
		assertThat(StorableText.problem("a\r\n\tb", true)).as("lines may break and tab").isNull();
		assertThat(StorableText.problem("a\ud800", false)).isEqualTo(StorableText.BROKEN_CHARACTER);
		assertThat(StorableText.problem("\udc00a", false)).isEqualTo(StorableText.BROKEN_CHARACTER);
		assertThat(StorableText.problem("\ud83d\ud83d\ude80", false)).as("a high half before a pair").isNotNull();
		assertThatThrownBy(() -> StorableText.require("name", "a\u0000")).isInstanceOfSatisfying(Rejected.class,
				rejected -> assertThat(rejected.field()).isEqualTo("name"));
		assertThat(StorableText.require("name", null)).isNull();
	}

	@Test
	void makesAnotherSystemsTextStorableWithoutRefusingIt() {
		assertThat(StorableText.storable("a\u0000b\u0000")).isEqualTo("ab");
		assertThat(StorableText.storable("x\ud800y\udc00🚀")).isEqualTo("x\uFFFDy\uFFFD🚀");
		String fine = "line\nnext\ttab \u0007 bell";
		assertThat(StorableText.storable(fine)).as("only what no database stores changes").isSameAs(fine);
		assertThat(StorableText.storable(null)).isNull();
	}

	@Test
	void instantsLieFrom1970ToTheEndOf9999() {
		assertThat(StorableTime.contains(Instant.parse("1970-01-01T00:00:00Z"))).isTrue();
		assertThat(StorableTime.contains(Instant.parse("9999-12-31T23:59:59.999999Z"))).isTrue();
		assertThat(StorableTime.contains(Instant.parse("1969-12-31T23:59:59.999999Z"))).isFalse();
		assertThat(StorableTime.contains(Instant.parse("+10000-01-01T00:00:00Z"))).isFalse();
		assertThat(StorableTime.contains(Instant.MAX)).isFalse();
		assertThat(StorableTime.contains(null)).isFalse();
		assertThatThrownBy(() -> StorableTime.require("endsAt", Instant.parse("+300000-01-01T00:00:00Z")))
				.isInstanceOfSatisfying(Rejected.class, rejected -> assertThat(rejected.field()).isEqualTo("endsAt"));
		assertThat(StorableTime.require("endsAt", null)).isNull();
	}
}
