package eu.pledge.accounts;

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
 * After confirming the address or resetting the password in the browser, the person lands on the sign-in form
 * with their address already in it (and the password field focused); the address travels in the session for that
 * one page, never in the URL.
 */
class SignInEmailFilledInTests extends HttpTest {

	private static final Map<String, String> HTML = Map.of("Accept", "text/html");

	@Test
	void afterConfirmingTheAddressTheSignInFormHasIt() {
		ApiClient browser = client();
		String email = randomEmail();
		assertThat(browser.post("/api/v1/accounts", People.registration(email)).status()).isEqualTo(201);
		String token = mailbox.token(email, "Confirm your email address");

		ApiClient.Response confirmed = post(browser, "/verify?token=" + token, "/verify", "token=" + token);
		assertSignInFormFilledIn(browser, confirmed, email);
	}

	@Test
	void afterAPasswordResetTheSignInFormHasTheAddress() {
		ApiClient browser = client();
		String email = randomEmail();
		People.registerAndVerify(client(), mailbox, email);
		assertThat(browser.post("/api/v1/password-reset", Map.of("email", email)).status()).isLessThan(300);
		String token = mailbox.token(email, "Reset your password");

		ApiClient.Response reset = post(browser, "/password-reset/confirm?token=" + token, "/password-reset/confirm",
				"token=" + token + "&password=" + URLEncoder.encode("a brand new passphrase 42", StandardCharsets.UTF_8));
		assertSignInFormFilledIn(browser, reset, email);
	}

	private void assertSignInFormFilledIn(ApiClient browser, ApiClient.Response redirect, String email) {
		assertThat(redirect.status()).isEqualTo(302);
		assertThat(redirect.header("Location")).endsWith("/login").doesNotContain(email)
				.doesNotContain(URLEncoder.encode(email, StandardCharsets.UTF_8));
		String form = browser.send("GET", "/login", null, HTML).body();
		assertThat(form).contains("value=\"" + email + "\"");
		assertThat(form).containsPattern("id=\"password\"[^>]*autofocus");
		assertThat(browser.send("GET", "/login", null, HTML).body()).as("for one page only").doesNotContain(email);
	}

	private static ApiClient.Response post(ApiClient browser, String page, String action, String fields) {
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(browser.send("GET", page, null, HTML).body());
		assertThat(csrf.find()).isTrue();
		return browser.send("POST", action, fields + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8),
				Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"));
	}
}
