package eu.pledge.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;

/** Not a test: times challenge and submission over HTTP (run by hand, -Dtest=ContactThroughput). */
@TestPropertySource(properties = "pledge.contact.rate-limit=100000")
class ContactThroughput extends HttpTest {

	private static final Pattern QUESTION = Pattern.compile("(\\d+) ([+\u2212]) (\\d+) = \\?");

	@Test
	void measure() {
		ApiClient client = client();
		for (int round = 0; round < 2; round++) {
			List<Long> issue = new ArrayList<>();
			List<Long> submit = new ArrayList<>();
			long start = System.nanoTime();
			int n = round == 0 ? 200 : 1000;
			for (int i = 0; i < n; i++) {
				long t0 = System.nanoTime();
				var challenge = client.get("/api/v1/contact/challenge").json();
				long t1 = System.nanoTime();
				Matcher m = QUESTION.matcher(challenge.get("question").asString());
				assertThat(m.matches()).isTrue();
				int a = Integer.parseInt(m.group(1));
				int b = Integer.parseInt(m.group(3));
				clock.advance(Duration.ofSeconds(4));
				var sent = client.post("/api/v1/contact", Map.of("name", "Grace Hopper", "email", "g@example.org",
						"message", "x".repeat(500), "challenge", challenge.get("token").asString(), "answer",
						String.valueOf(m.group(2).equals("+") ? a + b : a - b), "website", ""));
				long t2 = System.nanoTime();
				assertThat(sent.status()).isEqualTo(202);
				issue.add(t1 - t0);
				submit.add(t2 - t1);
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			Collections.sort(issue);
			Collections.sort(submit);
			System.out.printf("ROUND %d: %d pairs in %.1f s; challenge p50 %.2f ms p95 %.2f ms; submit p50 %.2f ms p95 %.2f ms%n",
					round, n, seconds, issue.get(n / 2) / 1e6, issue.get(n * 95 / 100) / 1e6, submit.get(n / 2) / 1e6,
					submit.get(n * 95 / 100) / 1e6);
		}
	}
}
