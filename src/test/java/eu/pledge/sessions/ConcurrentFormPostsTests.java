package eu.pledge.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.AtOnce;
import eu.pledge.testing.HttpTest;

/**
 * One session, many form posts at once (a double click, a script): each request saves the flash message it
 * leaves for the next page, and all of them found the session without it. Every one must succeed; before the
 * session store wrote a new attribute as an upsert, all but the first failed on the attribute table's key (500).
 * The saves themselves take turns on the account's row; the pool is larger and a request may wait longer for a
 * connection than in production, so that a slow machine answers none of the forty with 503 (a full pool) instead.
 */
@TestPropertySource(properties = { "spring.datasource.hikari.maximum-pool-size=12",
		"spring.datasource.hikari.connection-timeout=30000" })
class ConcurrentFormPostsTests extends HttpTest {

	@Test
	void fortyPreferenceFormPostsAtOnceInOneSessionAllSucceed() throws Exception {
		ApiClient person = client();
		signedInAccount(person);
		Map<String, String> html = Map.of("Accept", "text/html");
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
				.matcher(person.send("GET", "/account/preferences", null, html).body());
		assertThat(csrf.find()).isTrue();
		String form = "homePage=%2F&timeZone=Europe%2FBrussels&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);

		List<Integer> statuses = AtOnce.times(40, () -> person.send("POST", "/account/preferences", form,
				Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html")).status());

		assertThat(statuses).as("every post saved and redirected").containsOnly(302);
		assertThat(person.send("GET", "/account/preferences", null, html).body()).contains("Your preferences are saved.");
	}
}
