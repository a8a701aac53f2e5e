package eu.pledge.errors.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FingerprintsTests {

	@Test
	void generatedNamesAreNormalised() {
		assertThat(Fingerprints.className("eu.pledge.access.Access$$SpringCGLIB$$0")).isEqualTo("eu.pledge.access.Access");
		assertThat(Fingerprints.className("jdk.proxy2.$Proxy12")).isEqualTo("jdk.proxy.$Proxy");
		assertThat(Fingerprints.className("jdk.internal.reflect.GeneratedMethodAccessor42"))
				.isEqualTo("jdk.internal.reflect.GeneratedMethodAccessor");
		assertThat(Fingerprints.className("eu.pledge.Foo$$Lambda/0x000001f2c8123456"))
				.isEqualTo("eu.pledge.Foo$$Lambda");
		assertThat(Fingerprints.className("eu.pledge.Foo$$Lambda$317/0x0000000800c1b440"))
				.isEqualTo("eu.pledge.Foo$$Lambda");
		assertThat(Fingerprints.function("lambda$save$0")).isEqualTo("lambda$save");
		assertThat(Fingerprints.function("lambda$save$12")).isEqualTo("lambda$save");
	}

	@Test
	void lineNumbersAndGeneratedNamesDoNotChangeTheFingerprint() {
		ErrorEvent before = stack("eu.pledge.orders.Orders$$SpringCGLIB$$0", "lambda$place$0", 10);
		ErrorEvent after = stack("eu.pledge.orders.Orders$$SpringCGLIB$$1", "lambda$place$3", 99);
		assertThat(Fingerprints.hash(after)).isEqualTo(Fingerprints.hash(before));
		assertThat(Fingerprints.hash(stack("eu.pledge.orders.Orders", "cancel", 10))).isNotEqualTo(Fingerprints.hash(before));
	}

	@Test
	void onlyInAppFramesCountWhenThereAreAny() {
		ErrorEvent one = new ErrorEvent(null, 1, Instant.now(), "error", "java", List.of(new ErrorEvent.ExceptionInfo(
				"java.lang.IllegalStateException", "x", List.of(new ErrorEvent.Frame("org.lib.A", "run", null, 1, false),
						new ErrorEvent.Frame("eu.pledge.X", "go", null, 2, true)))), null, null, null, null, null, null,
				null, null, Map.of());
		ErrorEvent two = new ErrorEvent(null, 1, Instant.now(), "error", "java", List.of(new ErrorEvent.ExceptionInfo(
				"java.lang.IllegalStateException", "y", List.of(new ErrorEvent.Frame("org.lib.B", "call", null, 1, false),
						new ErrorEvent.Frame("eu.pledge.X", "go", null, 7, true)))), null, null, null, null, null, null,
				null, null, Map.of());
		assertThat(Fingerprints.hash(two)).isEqualTo(Fingerprints.hash(one));
	}

	@Test
	void messageTemplatesIgnoreNumbersUuidsAndHex() {
		assertThat(Fingerprints.template("Order 42 of 6f1c2a8e-3b7d-4c55-9e0a-1d2b3c4d5e6f at 0x7ffe failed after 3.5s, hash deadbeef12"))
				.isEqualTo("Order <n> of <uuid> at <hex> failed after <n>s, hash <hex>");
	}

	private static ErrorEvent stack(String type, String function, int line) {
		return new ErrorEvent(null, 1, Instant.now(), "error", "java", List.of(new ErrorEvent.ExceptionInfo(
				"java.lang.IllegalStateException", "boom " + line,
				List.of(new ErrorEvent.Frame("org.springframework.X", "invoke", null, 5, false),
						new ErrorEvent.Frame(type, function, "Orders.java", line, true)))),
				null, null, null, null, null, null, null, null, Map.of());
	}
}
