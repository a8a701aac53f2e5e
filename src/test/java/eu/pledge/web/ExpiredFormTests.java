package eu.pledge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.People;

/**
 * A form sent from a page whose session has ended (left open past the session's timeout, signed out or signed in
 * again in another tab): its anti-forgery token belongs to no session. The browser shows a page that says the
 * page expired and nothing was done, and how to go on, not "Not allowed"; nothing is done.
 */
class ExpiredFormTests extends HttpTest {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
	private static final Map<String, String> FORM = Map.of("Content-Type", "application/x-www-form-urlencoded",
			"Accept", "text/html");

	@Test
	void aSignInPageLeftOpenUntilItsSessionEndedSaysSoAndOffersToSignIn() {
		String email = randomEmail();
		ApiClient browser = client();
		People.registerAndVerify(browser, mailbox, email);
		browser.forgetCookies();
		String token = token(browser.get("/login").body());
		browser.forgetCookies(); // the session the page was made in ended

		ApiClient.Response page = browser.send("POST", "/login", "_csrf=" + encode(token) + "&email=" + encode(email)
				+ "&password=" + encode(People.PASSWORD), FORM);

		assertThat(page.status()).isEqualTo(403);
		assertThat(page.body()).contains("This page has expired", "Nothing was sent", "href=\"/login\"")
				.doesNotContain("Not allowed", "You are not allowed");
		assertThat(browser.get("/api/v1/me").status()).as("not signed in").isEqualTo(401);
	}

	@Test
	void aFormFromAnEarlierSessionOfASignedInPersonChangesNothing() {
		String email = randomEmail();
		ApiClient tab = client();
		People.registerAndVerify(tab, mailbox, email);
		People.signIn(tab, email, People.PASSWORD);
		String stale = token(tab.get("/account").body());
		tab.forgetCookies();
		People.signIn(tab, email, People.PASSWORD); // signed in again: a new session with a token of its own
		String nameBefore = tab.get("/api/v1/me").json().get("name").asString();

		ApiClient.Response page = tab.send("POST", "/account", "_csrf=" + encode(stale) + "&name="
				+ encode("Someone Else"), FORM);

		assertThat(page.status()).isEqualTo(403);
		assertThat(page.body()).contains("This page has expired", "Nothing was sent", "reload")
				.doesNotContain("Not allowed");
		assertThat(tab.get("/api/v1/me").json().get("name").asString()).isEqualTo(nameBefore);
	}

	@Test
	void aClientThatIsNoBrowserGetsTheSameAsAProblem() {
		ApiClient client = client();
		ApiClient.Response problem = client.send("POST", "/login", "_csrf=forged&email=a%40b.example&password=x",
				Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json"));
		assertThat(problem.status()).isEqualTo(403);
		assertThat(problem.json().get("detail").asString()).contains("expired", "Nothing was sent");
	}

	private static String token(String page) {
		Matcher matcher = CSRF.matcher(page);
		assertThat(matcher.find()).as(page).isTrue();
		return matcher.group(1);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
