package eu.pledge.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import eu.pledge.accounts.TotpCodes;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.Browser;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.People;

/**
 * An administrator in a real browser, at desktop width and on a 390 px phone: finds a person by email, ends
 * their sessions, disables and re-enables the account, turns their two-step sign-in off. No page scrolls sideways.
 */
class AccountConsoleBrowserTests extends HttpTest {

	@Autowired
	JdbcClient jdbc;

	private Browser browser;

	@BeforeEach
	void openBrowser() throws Exception {
		browser = Browser.start(port);
	}

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.close();
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 1280, 390 })
	void anAdministratorFindsAPersonEndsTheirSessionsDisablesEnablesAndResetsTwoStepSignIn(int width) {
		browser.driver().manage().window().setSize(new Dimension(width, 900));
		ApiClient adminApi = client();
		String adminEmail = signedInAccount(adminApi);
		jdbc.sql("UPDATE accounts SET roles = 'ADMIN' WHERE id = :id")
				.param("id", UUID.fromString(adminApi.get("/api/v1/me").json().get("id").asString())).update();
		ApiClient person = client();
		String email = signedInAccount(person);
		String secret = person.post("/api/v1/me/totp", null).json().get("secret").asString();
		assertThat(person.post("/api/v1/me/totp/confirmation", Map.of("code", TotpCodes.code(secret, clock.instant(), 0)))
				.status()).isEqualTo(200);

		browser.open("/login");
		browser.type("email", adminEmail);
		browser.type("password", People.PASSWORD);
		browser.submit();
		browser.open("/admin/accounts");
		noSidewaysScroll();
		browser.type("q", email);
		browser.submit();
		assertThat(browser.page()).contains(email).contains("two-step on");
		noSidewaysScroll();
		browser.clickAndWait(browser.find("ul.accounts a"));
		assertThat(browser.heading()).contains("Ada Lovelace");
		assertThat(browser.page()).contains(email).contains("End all sessions");
		noSidewaysScroll();

		browser.clickAndWait(browser.id("end-sessions"));
		assertThat(browser.page()).contains("One session was ended").contains("No session is open");
		assertThat(person.get("/api/v1/me").status()).isEqualTo(401);

		browser.clickAndWait(browser.id("disable"));
		assertThat(browser.page()).contains("The account is disabled").contains("disabled: cannot sign in");
		assertThat(People.signIn(client(), email, People.PASSWORD).status()).isEqualTo(401);
		noSidewaysScroll();

		browser.clickAndWait(browser.id("enable"));
		assertThat(browser.page()).contains("The account is enabled again");

		browser.type("password", "not my password " + UUID.randomUUID());
		browser.clickAndWait(browser.id("reset-two-step"));
		assertThat(browser.page()).contains("Your password is not correct");
		browser.type("password", People.PASSWORD);
		browser.clickAndWait(browser.id("reset-two-step"));
		assertThat(browser.page()).contains("Two-step sign-in is off for this account");
		mailbox.await(email, "Two-step sign-in was turned off by an administrator");
		assertThat(People.signIn(client(), email, People.PASSWORD).status()).isEqualTo(200);
		noSidewaysScroll();
	}

	private void noSidewaysScroll() {
		Object overflow = ((JavascriptExecutor) browser.driver()).executeScript(
				"return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
		assertThat(((Number) overflow).intValue()).as("sideways scroll on " + browser.url()).isLessThanOrEqualTo(0);
	}
}
