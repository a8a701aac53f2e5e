package eu.pledge.privacy.rights;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import eu.pledge.testing.People;

/**
 * A person exercising their rights in a real browser (Debian's headless Chromium): sign in → see their data →
 * download the export → restrict processing → lift it → erase the account. Fails, never skips, when Chromium
 * is missing.
 */
class RightsBrowserJourneyTests extends RightsFixture {

	private static final String CHROMIUM = "/usr/bin/chromium";
	private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

	private WebDriver browser;
	private Path downloads;

	@BeforeEach
	void openBrowser() throws Exception {
		assertThat(new File(CHROMIUM)).as("Debian's chromium (apt-get install chromium)").exists();
		assertThat(new File(CHROMEDRIVER)).as("Debian's chromium-driver (apt-get install chromium-driver)").exists();
		downloads = Files.createTempDirectory("pledge-downloads");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1280,1000",
				"--user-data-dir=" + Files.createTempDirectory("pledge-chromium"));
		options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
				"download.prompt_for_download", false));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
				.usingAnyFreePort().build();
		browser = new ChromeDriver(service, options);
		browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
	}

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void signInSeeMyDataDownloadItRestrictLiftAndErase() throws Exception {
		Person person = person();
		open("/login");
		type("email", person.email());
		type("password", People.PASSWORD);
		clickAndWait(browser.findElement(By.cssSelector("main form button[type=submit]")));

		open("/account/data");
		assertThat(page()).contains("Your data").contains(person.name()).contains(person.street())
				.contains("Name, email and address data").contains("IP address");

		browser.findElement(By.id("export")).click();
		Path file = Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> downloaded(), found -> found != null);
		String export = Files.readString(file, StandardCharsets.UTF_8);
		assertThat(file.getFileName().toString()).startsWith("pledge-data-").endsWith(".json");
		assertThat(export).contains("pledge-personal-data/1").contains(person.email());

		clickAndWait(browser.findElement(By.id("restrict")));
		assertThat(browser.findElement(By.id("restriction-status")).getText())
				.contains("Processing of your data is restricted");
		clickAndWait(browser.findElement(By.id("lift")));
		assertThat(page()).contains("The restriction is lifted");

		clickAndWait(browser.findElement(By.id("erase")));
		type("password", People.PASSWORD);
		clickAndWait(browser.findElement(By.id("erase-confirm")));
		assertThat(browser.findElement(By.id("confirm-error")).getText()).contains("Tick the box");
		type("password", People.PASSWORD);
		browser.findElement(By.id("confirm")).click();
		clickAndWait(browser.findElement(By.id("erase-confirm")));
		assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Your account is erased");

		open("/account");
		assertThat(browser.getCurrentUrl()).contains("/login");
	}

	private Path downloaded() throws Exception {
		try (Stream<Path> files = Files.list(downloads)) {
			return files.filter(path -> path.toString().endsWith(".json")).findFirst().orElse(null);
		}
	}

	private void open(String path) {
		browser.get("http://localhost:" + port + path);
	}

	private void type(String id, String text) {
		WebElement field = browser.findElement(By.id(id));
		field.clear();
		field.sendKeys(text);
	}

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

	private String page() {
		return browser.findElement(By.tagName("body")).getText();
	}
}
