package eu.pledge.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.Browser;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.People;

/**
 * Every page, as the three kinds of visitor see it (signed out, a person, an administrator), at desktop width and
 * at 390 px: zero axe-core violations of WCAG 2.1 A/AA, no sideways scrolling, and on a person's own pages no
 * "null" and no raw id. An address nothing serves is a real "Page not found" for everyone.
 */
class AccessibilityBrowserTests extends HttpTest {

	static final List<String> SIGNED_OUT = List.of("/", "/login", "/register", "/password-reset", "/contact",
			"/privacy", "/setup?token=not-a-token", "/no/such/page");

	static final List<String> PERSON = List.of("/", "/account", "/account/security", "/account/totp",
			"/account/sessions", "/account/preferences", "/account/access", "/account/apps", "/account/audit",
			"/account/data", "/account/data/export", "/account/data/erasure", "/account/email", "/account/recovery-codes",
			"/privacy", "/no/such/page");

	static final List<String> ADMINISTRATOR = List.of("/", "/admin/accounts", "/admin/accounts?q=a", "/admin/organizations", "/admin/outbox", "/admin/audit", "/admin/audit?who=ada",
			"/admin/requests", "/admin/breaches", "/admin/contact", "/admin/errors", "/admin/error-projects",
			"/admin/patrol", "/admin/compliance", "/admin/processing-record", "/no/such/page");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	eu.pledge.errors.tracker.Tracker tracker;

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
	void everyPageSignedOutPassesAtBothWidths() {
		assertThat(Pages.walk(browser, "signed out", false, SIGNED_OUT)).isEmpty();
		// the check can fail: an image without a text alternative, and a page wider than the screen
		browser.open("/contact");
		((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("var img = document.createElement('img');"
				+ " img.src = '/img/favicon.svg'; img.style.width = '3000px'; document.querySelector('main').appendChild(img);");
		assertThat(Pages.problems(browser, "broken", true)).anyMatch(problem -> problem.contains("image-alt"))
			.anyMatch(problem -> problem.contains("scrolls sideways"));
		browser.open("/no/such/page");
		assertThat(browser.heading()).isEqualTo("Page not found");
		assertThat(client().get("/no/such/page").status()).isEqualTo(404);
	}

	@Test
	void everyPageOfAPersonPassesAtBothWidths() {
		String email = randomEmail();
		People.registerAndVerify(client(), mailbox, email);
		signIn(email);
		assertThat(Pages.walk(browser, "person", true, PERSON)).isEmpty();
		browser.open("/no/such/page");
		assertThat(browser.heading()).isEqualTo("Page not found");
		assertThat(browser.page()).contains("Signed in as Ada Lovelace", "Your account");
	}

	@Test
	void everyPageOfAnAdministratorPassesAtBothWidths() {
		String email = randomEmail();
		ApiClient api = client();
		People.registerAndVerify(api, mailbox, email);
		People.signIn(api, email, People.PASSWORD);
		String id = api.get("/api/v1/me").json().get("id").asString();
		jdbc.sql("UPDATE accounts SET roles = 'ADMIN' WHERE id = :id").param("id", UUID.fromString(id)).update();
		api.forgetCookies();
		People.signIn(api, email, People.PASSWORD);
		ApiClient.Response organization = api.post("/api/v1/admin/organizations",
				Map.of("name", "Acme " + UUID.randomUUID().toString().substring(0, 8)));
		assertThat(organization.status()).isEqualTo(201);

		String organizationId = organization.json().get("id").asString();
		// A contract and a pending invitation, so that the organisation pages show every section filled.
		assertThat(api.post("/api/v1/admin/organizations/" + organizationId + "/contracts", Map.of("startsAt",
				clock.instant().minus(java.time.Duration.ofDays(1)).toString(), "endsAt",
				clock.instant().plus(java.time.Duration.ofDays(30)).toString(), "seats", 3, "systems", Map.of("crm", "editor"))).status())
				.isEqualTo(201);
		assertThat(api.post("/api/v1/organizations/" + organizationId + "/invitations",
				Map.of("email", "invitee-" + UUID.randomUUID() + "@example.org", "role", "MEMBER")).status()).isEqualTo(202);

		List<String> codana = codanaPages(api, id);

		signIn(email);
		List<String> pages = new java.util.ArrayList<>(ADMINISTRATOR);
		pages.addAll(codana);
		pages.add("/admin/organizations/" + organizationId);
		pages.add("/organizations/" + organizationId);
		pages.add("/admin/accounts/" + id);
		assertThat(Pages.walk(browser, "administrator", false, pages)).isEmpty();
		browser.open("/admin/organizations");
		assertThat(browser.page()).contains("Administration");
		assertThat(browser.find("a[aria-current=page]").getText()).isEqualTo("Organisations");
	}

	/**
	 * Codana's richer pages filled: an issue with tags, a trend, a request and an account shown by name, one whose
	 * account is erased and which is resolved, one ignored, and the list filtered with more than one page.
	 */
	private List<String> codanaPages(ApiClient api, String account) {
		String word = "Walked" + UUID.randomUUID().toString().replaceAll("[^a-f]", "") + "z";
		List<eu.pledge.errors.tracker.ErrorEvent> events = new java.util.ArrayList<>();
		for (String environment : List.of("production", "production", "staging")) {
			events.add(codanaEvent(word + " tagged", environment, account, Map.of("browser", "Firefox 128", "os", "Linux")));
		}
		long tagged = tracker.captureAll(events).get(0).issueId();
		long erased = tracker.capture(codanaEvent(word + " erased", "production", UUID.randomUUID().toString(), Map.of()))
				.issueId();
		long ignored = tracker.capture(codanaEvent(word + " ignored", "staging", null, Map.of())).issueId();
		for (int i = 0; i < 52; i++) { // more than a page of the list
			tracker.capture(codanaEvent(word + " filler " + (char) ('g' + i % 20) + (char) ('g' + i / 20), "production",
					null, Map.of()));
		}
		assertThat(api.patch("/api/v1/admin/issues/" + erased, Map.of("status", "resolved")).status()).isEqualTo(200);
		assertThat(api.patch("/api/v1/admin/issues/" + ignored, Map.of("status", "ignored")).status()).isEqualTo(200);
		assertThat(api.patch("/api/v1/admin/issues/" + tagged, Map.of("assignee", account)).status()).isEqualTo(200);
		return List.of("/admin/errors/" + tagged, "/admin/errors/" + erased, "/admin/errors/" + ignored,
				"/admin/errors?q=" + word + "&environment=production&project=1&status=all&assignee=nobody",
				"/admin/errors?q=" + word + "&environment=production&page=2", "/admin/errors?status=bogus");
	}

	private static eu.pledge.errors.tracker.ErrorEvent codanaEvent(String text, String environment, String account,
			Map<String, String> tags) {
		return new eu.pledge.errors.tracker.ErrorEvent(null, eu.pledge.errors.tracker.ErrorEvent.PLEDGE_PROJECT,
				java.time.Instant.now(), "error", "java", List.of(), text, text, null, "5.0.0", environment, "node-a",
				new eu.pledge.errors.tracker.ErrorEvent.RequestInfo("POST", "/api/v1/things/{id}", "walk-request"), account,
				tags);
	}

	private void signIn(String email) {
		browser.open("/login");
		browser.type("email", email);
		browser.type("password", People.PASSWORD);
		browser.submit();
		assertThat(browser.url()).doesNotContain("/login");
	}
}
