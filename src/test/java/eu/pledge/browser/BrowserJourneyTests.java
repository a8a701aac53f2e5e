package eu.pledge.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import eu.pledge.testing.Browser;
import eu.pledge.testing.HttpTest;

/**
 * A person in a real browser (Debian's headless Chromium): register → open the mailed link → sign in →
 * correct the address → see the session → sign out.
 */
class BrowserJourneyTests extends HttpTest {

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
	void registerConfirmSignInCorrectTheAddressSeeTheSessionAndSignOut() {
		String email = randomEmail();
		browser.open("/register");
		browser.type("name", "Grace Hopper");
		browser.type("email", email);
		browser.type("password", "a long and private passphrase");
		browser.type("street", "Arlington Ridge Road 1");
		browser.type("postalCode", "22202");
		browser.type("city", "Arlington");
		browser.type("country", "United States");
		browser.submit();
		assertThat(browser.heading()).containsIgnoringCase("mailbox");

		String link = mailbox.link(email, "Confirm your email address");
		browser.open(URI.create(link).getRawPath() + "?" + URI.create(link).getRawQuery());
		browser.submit();
		assertThat(browser.url()).contains("/login");
		assertThat(browser.page()).contains("Your email address is confirmed");

		browser.type("email", email);
		browser.type("password", "a long and private passphrase");
		browser.submit();
		assertThat(browser.url()).as("a sign-in lands on the home page").endsWith("/");
		browser.open("/account");
		assertThat(browser.page()).contains("Grace Hopper").contains("Arlington Ridge Road 1");

		browser.type("street", "Crystal Drive 2");
		browser.clickAndWait(browser.find("form[action='/account'] button[type=submit]"));
		assertThat(browser.page()).contains("Crystal Drive 2").doesNotContain("Arlington Ridge Road 1");

		browser.open("/account/sessions");
		assertThat(browser.page()).contains("(this device)").contains("Chrom");

		browser.clickAndWait(browser.find("form[action='/logout'] button"));
		assertThat(browser.page()).contains("You are signed out");
		browser.open("/account");
		assertThat(browser.url()).contains("/login");
	}
}
