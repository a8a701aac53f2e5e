package eu.pledge.errors.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;

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

	@Test
	void skipsNoRuleWhereItsCheckCouldBeWrong() {
		List<String> odd = List.of("a@b.co", "X@Y.ORG!", "(ada@example.org)", "::1", "[2001:db8::1]:8080",
				"fe80::1%eth0", "::ffff:10.0.0.1", "1.2.3.4", "x=1.2.3.4", "PASSWORD=x", "Pwd:y", "X-Api-Key: y",
				"{\"Token\":\"t\"}", "BEARER abcdefgh", "Digest  abcdefgh", "eyJa.b.c", "ASIAIOSFODNN7EXAMPLE",
				"4111-1111-1111-1111", "4111111111111111", "ghp_4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e",
				"=ghp_4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e=", "password=a@b.co", "token 203.0.113.7 x", "SSN:1",
				"customerREF=1", "ORD-123456", "İ@example.org", "card=4111 1111 1111 1111", "12:30:45", "a:b:c", "4222222222222",
				"4222-222222 222", "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6", "x a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d", "aKiA", "eyj.a.b",
				"session=eyJhbGciOi.abc.def 2001:db8::2 ada@example.org 4111111111111111");
		for (String text : odd) {
			assertThat(scrubber.text(text)).as(text).isEqualTo(scrubber.textByEveryRule(text));
		}
		assertThat(scrubber.text("::1")).isEqualTo("[Filtered]");
		assertThat(scrubber.text("[2001:db8::1]:8080")).doesNotContain("db8");
		assertThat(scrubber.text("X@Y.ORG!")).isEqualTo("[Filtered]!");
		assertThat(scrubber.text("PASSWORD=x")).isEqualTo("PASSWORD=[Filtered]");
		assertThat(scrubber.text("BEARER abcdefgh")).isEqualTo("BEARER [Filtered]");
		assertThat(scrubber.text("4222222222222")).isEqualTo("[Filtered]"); // 13 digits, the fewest a card has
		assertThat(scrubber.text("a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6")).isEqualTo("[Filtered]"); // 32, the shortest
		// random texts from the characters the rules look for: the checks never change the outcome
		String alphabet = "aAeEyJkKiIsStToOpPwWdDrRbBnNfF0123456789@.:=-_+/%' \"{}[]()&;,\n";
		Random random = new Random(42);
		for (int n = 0; n < 20_000; n++) {
			StringBuilder text = new StringBuilder();
			int length = random.nextInt(60);
			for (int i = 0; i < length; i++) {
				text.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			String sample = text.toString();
			assertThat(scrubber.text(sample)).as(sample).isEqualTo(scrubber.textByEveryRule(sample));
		}
	}
}
