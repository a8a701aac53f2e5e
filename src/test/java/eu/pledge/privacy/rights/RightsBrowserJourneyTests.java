package eu.pledge.privacy.rights;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import eu.pledge.testing.Browser;
import eu.pledge.testing.People;

/**
 * A person exercising their rights in a real browser (Debian's headless Chromium): sign in → see their data →
 * download the export → restrict processing → lift it → erase the account. Fails, never skips, when Chromium
 * is missing.
 */
class RightsBrowserJourneyTests extends RightsFixture {

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
	void signInSeeMyDataDownloadItRestrictLiftAndErase() throws Exception {
		Person person = person();
		browser.open("/login");
		browser.type("email", person.email());
		browser.type("password", People.PASSWORD);
		browser.submit();

		browser.open("/account/data");
		// a summary first; each category folded until opened (issue 16)
		assertThat(browser.page()).contains("In short").doesNotContain(person.street());
		browser.find("#category-identity summary").click();
		assertThat(browser.page()).contains("Your data").contains(person.name()).contains(person.street())
				.contains("Name, email and address data").contains("IP address");

		browser.id("export").click();
		Path file = Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> downloaded(), found -> found != null);
		String export = Files.readString(file, StandardCharsets.UTF_8);
		assertThat(file.getFileName().toString()).startsWith("pledge-data-").endsWith(".json");
		assertThat(export).contains("pledge-personal-data/1").contains(person.email());

		browser.clickAndWait(browser.id("restrict"));
		assertThat(browser.id("restriction-status").getText())
				.contains("Processing of your data is restricted");
		browser.clickAndWait(browser.id("lift"));
		assertThat(browser.page()).contains("The restriction is lifted");

		browser.clickAndWait(browser.id("erase"));
		browser.type("password", People.PASSWORD);
		browser.clickAndWait(browser.id("erase-confirm"));
		assertThat(browser.id("confirm-error").getText()).contains("Tick the box");
		browser.type("password", People.PASSWORD);
		browser.id("confirm").click();
		browser.clickAndWait(browser.id("erase-confirm"));
		assertThat(browser.heading()).contains("Your account is erased");

		browser.open("/account");
		assertThat(browser.url()).contains("/login");
	}

	private Path downloaded() throws Exception {
		try (Stream<Path> files = Files.list(browser.downloads())) {
			return files.filter(path -> path.toString().endsWith(".json")).findFirst().orElse(null);
		}
	}
}
