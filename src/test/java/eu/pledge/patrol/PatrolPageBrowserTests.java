package eu.pledge.patrol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import eu.pledge.protection.Decision;
import eu.pledge.protection.Decisions;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.Browser;
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
	void aDetectionAppearsLiveAndABanIsLifted() {
		String email = randomEmail();
		CrowdSecApiTests.admin(client(), mailbox, jdbc, email);
		String banned = randomAddress();
		Decision ban = decisions.decide(Decision.Type.BAN, banned, Duration.ofHours(1), "patrol:honeytrap", "patrol");

		browser.open("/login");
		browser.type("email", email);
		browser.type("password", People.PASSWORD);
		browser.submit();
		assertThat(browser.url()).doesNotContain("/login");
		browser.open("/admin/patrol");
		assertThat(browser.heading()).isEqualTo("Secure Patrol");
		browser.waitUntil(Duration.ofSeconds(10), page -> page.id("feed-state").getText().startsWith("Following"));

		String scanner = randomAddress();
		new ApiClient(port).from(scanner).get("/.aws/credentials");
		browser.waitUntil(Duration.ofSeconds(15), page -> page.id("feed").getText().contains(scanner));
		assertThat(browser.id("feed").getText()).contains("honeytrap (HT2)", "GET /.aws/credentials");

		assertThat(browser.id("response-" + ban.id()).getText()).contains(banned);
		browser.clickAndWait(browser.id("lift-" + ban.id()));
		assertThat(browser.page()).contains("Decision " + ban.id() + " lifted.");
		assertThat(browser.driver().findElements(By.id("response-" + ban.id()))).isEmpty();
		// the reloaded page counts the detection in the current hour of its chart
		assertThat(browser.driver().findElements(By.cssSelector("svg.chart rect"))).hasSize(24);
		assertThat(browser.id("day-total").getText()).isNotEqualTo("0 detections");
		assertThat(browser.driver().findElements(By.cssSelector("svg.chart rect")).get(23).getAttribute("height"))
				.isNotEqualTo("0");
		assertThat(new ApiClient(port).from(banned).get("/").status()).isEqualTo(200);
	}
}
