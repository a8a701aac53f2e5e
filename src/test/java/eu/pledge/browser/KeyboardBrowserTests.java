package eu.pledge.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Objects;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import eu.pledge.accounts.TotpCodes;
import eu.pledge.testing.Browser;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.People;

/**
 * Keyboard only, as someone who cannot use a mouse: the skip link first, then sign in, set up two-step sign-in,
 * sign in again with the code, and erase the account. Every move is Tab, typing, Space or Enter; a field or
 * button that Tab cannot reach fails the test.
 */
class KeyboardBrowserTests extends HttpTest {

	private static final int MOST_TABS = 80;

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

	@Test
	void signInTwoStepSetUpAndErasureWorkWithTheKeyboardAlone() {
		String email = randomEmail();
		People.registerAndVerify(client(), mailbox, email);

		browser.open("/privacy");
		keys(Keys.TAB);
		assertThat(focused().getAttribute("class")).as("the first stop is the skip link").isEqualTo("skip-link");
		assertThat(focused().getText()).isEqualTo("Skip to the content");
		keys(Keys.ENTER);
		assertThat(focused().getAttribute("id")).as("it jumps over the menu").isEqualTo("content");

		browser.open("/login");
		signIn(email, null);
		assertThat(browser.url()).doesNotContain("/login");

		browser.open("/account/security");
		tabTo("button", "Set up two-step sign-in");
		pressAndWait(Keys.ENTER);
		String secret = browser.find("code.secret").getText().replace(" ", "");
		tabTo("#code", null);
		keys(TotpCodes.code(secret, clock.instant(), -1));
		pressAndWait(Keys.ENTER);
		assertThat(browser.page()).contains("recovery codes");

		tabTo("button", "Sign out");
		pressAndWait(Keys.ENTER);
		signIn(email, TotpCodes.code(secret, clock.instant(), -1)); // the code that turned it on: used
		assertThat(browser.page()).contains("This code was just used, and a code works only once.");
		tabTo("#code", null);
		keys(TotpCodes.code(secret, clock.instant(), 0));
		pressAndWait(Keys.ENTER);
		assertThat(browser.url()).doesNotContain("/login");

		browser.open("/account/data/erasure");
		tabTo("#password", null);
		keys(People.PASSWORD);
		tabTo("#code", null);
		keys(TotpCodes.code(secret, clock.instant(), 1));
		tabTo("#confirm", null);
		keys(Keys.SPACE);
		assertThat(browser.id("confirm").isSelected()).isTrue();
		tabTo("#erase-confirm", null);
		pressAndWait(Keys.ENTER);
		assertThat(browser.page()).containsIgnoringCase("erased");
	}

	private void signIn(String email, String code) {
		tabTo("#email", null);
		keys(email);
		tabTo("#password", null);
		keys(People.PASSWORD);
		pressAndWait(Keys.ENTER);
		if (code != null) {
			tabTo("#code", null);
			keys(code);
			pressAndWait(Keys.ENTER);
		}
	}

	/** Presses Tab until the element matching {@code css} (with this text, if given) has the focus. */
	private void tabTo(String css, String text) {
		for (int i = 0; i < MOST_TABS; i++) {
			WebElement now = focused();
			if (now != null && (Boolean) ((JavascriptExecutor) browser.driver())
				.executeScript("return arguments[0].matches(arguments[1])", now, css)
					&& (text == null || Objects.equals(now.getText().trim(), text))) {
				return;
			}
			keys(Keys.TAB);
		}
		throw new AssertionError("Tab never reached " + css + (text == null ? "" : " \"" + text + "\"") + " on "
				+ browser.url());
	}

	private WebElement focused() {
		return browser.driver().switchTo().activeElement();
	}

	private void keys(CharSequence keys) {
		new Actions(browser.driver()).sendKeys(keys).perform();
	}

	private void pressAndWait(CharSequence key) {
		WebElement oldPage = browser.find("html");
		keys(key);
		browser.waitUntil(Duration.ofSeconds(15), page -> {
			try {
				oldPage.isEnabled();
				return false;
			}
			catch (org.openqa.selenium.WebDriverException gone) {
				return true;
			}
		});
	}
}
