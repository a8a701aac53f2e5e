package eu.pledge.patrol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import eu.pledge.protection.Decision;
import eu.pledge.protection.Decisions;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.Browsers;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.People;

/**
 * An administrator on {@code /admin/patrol} in a real browser: a detection made meanwhile appears in the live
 * feed without reloading, and a ban is lifted with its button.
 */
class PatrolPageBrowserTests extends HttpTest {

	@Autowired
	Decisions decisions;

	@Autowired
	JdbcClient jdbc;

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
	void aDetectionAppearsLiveAndABanIsLifted() {
		String email = randomEmail();
		CrowdSecApiTests.admin(client(), mailbox, jdbc, email);
		String banned = randomAddress();
		Decision ban = decisions.decide(Decision.Type.BAN, banned, Duration.ofHours(1), "patrol:honeytrap", "patrol");

		browser.get("http://localhost:" + port + "/login");
		browser.findElement(By.id("email")).sendKeys(email);
		browser.findElement(By.id("password")).sendKeys(People.PASSWORD);
		browser.findElement(By.cssSelector("main form button[type=submit]")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> !driver.getCurrentUrl().contains("/login"));
		browser.get("http://localhost:" + port + "/admin/patrol");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Secure Patrol");
		new WebDriverWait(browser, Duration.ofSeconds(10))
				.until(driver -> driver.findElement(By.id("feed-state")).getText().startsWith("Following"));

		String scanner = randomAddress();
		new ApiClient(port).from(scanner).get("/.aws/credentials");
		new WebDriverWait(browser, Duration.ofSeconds(15)).until(driver -> driver.findElement(By.id("feed")).getText()
				.contains(scanner));
		assertThat(browser.findElement(By.id("feed")).getText()).contains("honeytrap (HT2)", "GET /.aws/credentials");

		assertThat(browser.findElement(By.id("response-" + ban.id())).getText()).contains(banned);
		browser.findElement(By.id("lift-" + ban.id())).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> driver.getPageSource()
				.contains("Decision " + ban.id() + " lifted."));
		assertThat(browser.findElements(By.id("response-" + ban.id()))).isEmpty();
		// the reloaded page counts the detection in the current hour of its chart
		assertThat(browser.findElements(By.cssSelector("svg.chart rect"))).hasSize(24);
		assertThat(browser.findElement(By.id("day-total")).getText()).isNotEqualTo("0 detections");
		assertThat(browser.findElements(By.cssSelector("svg.chart rect")).get(23).getAttribute("height"))
				.isNotEqualTo("0");
		assertThat(new ApiClient(port).from(banned).get("/").status()).isEqualTo(200);
	}
}
