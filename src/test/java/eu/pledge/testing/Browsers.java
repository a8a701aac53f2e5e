package eu.pledge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium through its chromedriver, for the browser tests. Fails, never skips, when either is
 * missing; .ci/run installs both.
 */
public final class Browsers {

	private static final String CHROMIUM = "/usr/bin/chromium";
	private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

	private Browsers() {
	}

	public static WebDriver start() throws IOException {
		assertThat(new File(CHROMIUM)).as("Debian's chromium (apt-get install chromium)").exists();
		assertThat(new File(CHROMEDRIVER)).as("Debian's chromium-driver (apt-get install chromium-driver)").exists();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1280,1000",
				"--user-data-dir=" + Files.createTempDirectory("pledge-chromium"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
				.usingAnyFreePort().build();
		WebDriver browser = new ChromeDriver(service, options);
		browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
		return browser;
	}
}
