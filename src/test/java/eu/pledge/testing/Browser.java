package eu.pledge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium through its chromedriver, on one Pledge server, with the few moves the browser tests
 * make: open a path, type into a field, click and wait for the next page. Fails, never skips, when either program
 * is missing; .ci/run installs both. Close it after the test.
 */
public final class Browser implements AutoCloseable {

	private static final String CHROMIUM = "/usr/bin/chromium";
	private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
	private static final Duration NEXT_PAGE = Duration.ofSeconds(15);

	private final WebDriver driver;
	private final int port;
	private final Path downloads;

	private Browser(WebDriver driver, int port, Path downloads) {
		this.driver = driver;
		this.port = port;
		this.downloads = downloads;
	}

	/** A browser on {@code http://localhost:port}; files it downloads land in {@link #downloads()}. */
	public static Browser start(int port) throws IOException {
		assertThat(new File(CHROMIUM)).as("Debian's chromium (apt-get install chromium)").exists();
		assertThat(new File(CHROMEDRIVER)).as("Debian's chromium-driver (apt-get install chromium-driver)").exists();
		Path downloads = Files.createTempDirectory("pledge-downloads");
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
		WebDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
		return new Browser(driver, port, downloads);
	}

	/** For what the moves below do not cover. */
	public WebDriver driver() {
		return driver;
	}

	public Path downloads() {
		return downloads;
	}

	public void open(String path) {
		driver.get("http://localhost:" + port + path);
	}

	public WebElement find(String cssSelector) {
		return driver.findElement(By.cssSelector(cssSelector));
	}

	public WebElement id(String id) {
		return driver.findElement(By.id(id));
	}

	/** Replaces the text of the field with this id. */
	public void type(String id, String text) {
		WebElement field = id(id);
		field.clear();
		field.sendKeys(text);
	}

	/** Submits the page's main form and waits for the next page. */
	public void submit() {
		clickAndWait(find("main form button[type=submit]"));
	}

	/** Clicks and waits until the next page has replaced this one, so nothing reads the old page. */
	public void clickAndWait(WebElement element) {
		WebElement oldPage = driver.findElement(By.tagName("html"));
		element.click();
		new WebDriverWait(driver, NEXT_PAGE).until(ignored -> isGone(oldPage));
	}

	/** Waits until {@code condition} holds, at most {@code timeout}. */
	public void waitUntil(Duration timeout, java.util.function.Predicate<Browser> condition) {
		new WebDriverWait(driver, timeout).until(ignored -> condition.test(this));
	}

	public String url() {
		return driver.getCurrentUrl();
	}

	public String heading() {
		return driver.findElement(By.tagName("h1")).getText();
	}

	/** The page's visible text. */
	public String page() {
		return driver.findElement(By.tagName("body")).getText();
	}

	@Override
	public void close() {
		driver.quit();
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
		catch (StaleElementReferenceException ex) {
			return true;
		}
		catch (WebDriverException ex) {
			return String.valueOf(ex.getMessage()).contains("does not belong to the document");
		}
	}
}
