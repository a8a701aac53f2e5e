package eu.pledge.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class ScrubberTests {

	private final Scrubber scrubber = new Scrubber(properties(List.of("ORD-\\d{6}"), List.of("customerRef")));

	static ErrorsProperties properties(List<String> patterns, List<String> keys) {
		return new ErrorsProperties("test", "", Duration.ofDays(60), 100, 100, true, List.of(),
				new ErrorsProperties.Alerts(100, Duration.ofMinutes(5), Duration.ofHours(1), 5, Duration.ofMinutes(15)),
				new ErrorsProperties.Scrub(patterns, keys));
	}

	@Test
	void removesValuesOfSensitiveKeysInEveryNotation() {
		assertThat(scrubber.text("login failed password=hunter2 user=7"))
				.isEqualTo("login failed password=[Filtered] user=7");
		assertThat(scrubber.text("{\"newPassword\": \"s3cr3t pass\", \"name\": \"x\"}"))
				.isEqualTo("{\"newPassword\": [Filtered], \"name\": \"x\"}");
		assertThat(scrubber.text("GET /verify?token=abc123&lang=en")).isEqualTo("GET /verify?token=[Filtered]&lang=en");
		assertThat(scrubber.text("header Authorization: Bearer eyJhbGciOi.abc.def")).doesNotContain("eyJhbGciOi");
		assertThat(scrubber.text("Authorization=Basic dXNlcjpwYXNz")).doesNotContain("dXNlcjpwYXNz");
		assertThat(scrubber.text("api_key='AbC' session: 9f8e7d")).isEqualTo("api_key=[Filtered] session: [Filtered]");
		assertThat(scrubber.text("customerRef=4711")).isEqualTo("customerRef=[Filtered]");
	}

	@Test
	void removesEmailsAddressesCardsAndTokens() {
		assertThat(scrubber.text("no account for ada.lovelace+x@example.org")).isEqualTo("no account for [Filtered]");
		assertThat(scrubber.text("from 203.0.113.7:443 via 10.0.0.1")).isEqualTo("from [Filtered]:443 via [Filtered]");
		assertThat(scrubber.text("from 2001:db8::1 and fe80::1ff:fe23:4567:890a and ::1"))
				.isEqualTo("from [Filtered] and [Filtered] and [Filtered]");
		assertThat(scrubber.text("card 4111 1111 1111 1111 declined")).isEqualTo("card [Filtered] declined");
		assertThat(scrubber.text("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-nature_x")).isEqualTo("jwt [Filtered]");
		assertThat(scrubber.text("key AKIAIOSFODNN7EXAMPLE used")).isEqualTo("key [Filtered] used");
		assertThat(scrubber.text("secret ghp_4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e")).isEqualTo("secret [Filtered]");
		assertThat(scrubber.text("order ORD-123456 failed")).isEqualTo("order [Filtered] failed");
	}

	@Test
	void keepsWhatEngineersNeed() {
		String text = "Order 1234567 failed at 12:30:45 for account 6f1c2a8e-3b7d-4c55-9e0a-1d2b3c4d5e6f in "
				+ "org.springframework.web.servlet.DispatcherServlet::doDispatch (version 1.2.3)";
		assertThat(scrubber.text(text)).isEqualTo(text);
		assertThat(Scrubber.luhn("4111111111111112")).isFalse();
		assertThat(scrubber.text("id 4111111111111112")).isEqualTo("id 4111111111111112");
	}

	@Test
	void scrubsTagsByKeyAndTheRouteOfItsQuery() {
		ErrorEvent event = new ErrorEvent(null, 1, null, "error", "java", List.of(new ErrorEvent.ExceptionInfo("X",
				"mail to bob@example.org failed", List.of())), "from 198.51.100.4", null, null, null, null, null,
				new ErrorEvent.RequestInfo("GET", "/reset?token=abc&email=bob@example.org", "r1"), "bob@example.org",
				java.util.Map.of("cookie", "SESSION=abc", "tenant", "acme at 198.51.100.4"));
		ErrorEvent clean = scrubber.scrub(event);
		assertThat(clean.exceptions().get(0).value()).isEqualTo("mail to [Filtered] failed");
		assertThat(clean.message()).isEqualTo("from [Filtered]");
		assertThat(clean.request().route()).isEqualTo("/reset");
		assertThat(clean.accountId()).isNull();
		assertThat(clean.tags()).containsEntry("cookie", "[Filtered]").containsEntry("tenant", "acme at [Filtered]");
	}
}
