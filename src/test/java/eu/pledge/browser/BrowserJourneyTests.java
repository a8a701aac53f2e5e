package eu.pledge.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import eu.pledge.testing.Browsers;
import eu.pledge.testing.HttpTest;

/**
 * A person in a real browser (Debian's headless Chromium): register → open the mailed link → sign in →
 * correct the address → see the session → sign out.
 */
class BrowserJourneyTests extends HttpTest {

	private WebDriver browser;

	@BeforeEach
	void openBrowser() throws Exception {
		browser = Browsers.start();
	}

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void registerConfirmSignInCorrectTheAddressSeeTheSessionAndSignOut() {
		String email = randomEmail();
		open("/register");
		type("name", "Grace Hopper");
		type("email", email);
		type("password", "a long and private passphrase");
		type("street", "Arlington Ridge Road 1");
		type("postalCode", "22202");
		type("city", "Arlington");
		type("country", "United States");
		submit();
		assertThat(heading()).containsIgnoringCase("mailbox");

		String link = mailbox.link(email, "Confirm your email address");
		open(URI.create(link).getRawPath() + "?" + URI.create(link).getRawQuery());
		submit();
		assertThat(browser.getCurrentUrl()).contains("/login");
		assertThat(page()).contains("Your email address is confirmed");

		type("email", email);
		type("password", "a long and private passphrase");
		submit();
		assertThat(browser.getCurrentUrl()).endsWith("/account");
		assertThat(page()).contains("Grace Hopper").contains("Arlington Ridge Road 1");

		WebElement street = browser.findElement(By.id("street"));
		street.clear();
		street.sendKeys("Crystal Drive 2");
		clickAndWait(browser.findElement(By.cssSelector("form[action='/account'] button[type=submit]")));
		assertThat(page()).contains("Crystal Drive 2").doesNotContain("Arlington Ridge Road 1");

		open("/account/sessions");
		assertThat(page()).contains("(this device)").contains("Chrom");

		clickAndWait(browser.findElement(By.cssSelector("form[action='/logout'] button")));
		assertThat(page()).contains("You are signed out");
		open("/account");
		assertThat(browser.getCurrentUrl()).contains("/login");
	}

	private void open(String path) {
		browser.get("http://localhost:" + port + path);
	}

	private void type(String id, String text) {
		WebElement field = browser.findElement(By.id(id));
		field.clear();
		field.sendKeys(text);
	}

	private void submit() {
		clickAndWait(browser.findElement(By.cssSelector("main form button[type=submit]")));
	}

	/** Clicks and waits until the next page has replaced this one, so nothing reads the old page. */
	private void clickAndWait(WebElement element) {
		WebElement oldPage = browser.findElement(By.tagName("html"));
		element.click();
		new WebDriverWait(browser, Duration.ofSeconds(15)).until(driver -> isGone(oldPage));
	}

	/**
	 * Whether the element's page was replaced. Chromium reports a node of a document that is being replaced either
	 * as stale or, during the swap, with an "unknown error" about a node not belonging to the document: both mean gone.
	 */
	private static boolean isGone(WebElement element) {
		try {
			element.isEnabled();
			return false;
		}
		catch (org.openqa.selenium.StaleElementReferenceException ex) {
			return true;
		}
		catch (org.openqa.selenium.WebDriverException ex) {
			return String.valueOf(ex.getMessage()).contains("does not belong to the document");
		}
	}

	private String heading() {
		return browser.findElement(By.tagName("h1")).getText();
	}

	private String page() {
		return browser.findElement(By.tagName("body")).getText();
	}
}
