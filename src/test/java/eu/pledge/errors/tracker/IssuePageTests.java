package eu.pledge.errors.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import eu.pledge.shared.Vault;
import eu.pledge.shared.AccountId;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.People;

/**
 * The issue page as a Sentry user expects it: the project by name, the distribution of the events' tags, the
 * trend per hour and per day with its numbers readable as text, the request and the account of the latest event
 * (by name, or "an erased account"), and only the actions that make sense for the issue's status; never "null",
 * never a raw account id.
 */
class IssuePageTests extends ErrorsHttpTest {

	@Autowired
	Vault vault;

	@Autowired
	PlatformTransactionManager transactions;

	static ErrorEvent event(String text, String environment, String release, String server, String account,
			Map<String, String> tags) {
		return new ErrorEvent(null, ErrorEvent.PLEDGE_PROJECT, Instant.now(), "error", "java", List.of(), text, text,
				null, release, environment, server,
				new ErrorEvent.RequestInfo("POST", "/api/v1/things/{id}", "req-" + environment), account, tags);
	}

	/** The page's visible text: markup removed (attributes such as a link's address are not read). */
	static String visible(String html) {
		return html.replaceAll("(?s)<head>.*?</head>", "").replaceAll("<[^>]+>", " ");
	}

	@Test
	void showsTheProjectTagsTrendRequestAndTheAccountByName() {
		ApiClient admin = admin();
		String email = randomEmail();
		ApiClient person = client();
		People.registerAndVerify(person, mailbox, email);
		People.signIn(person, email, People.PASSWORD);
		String account = person.get("/api/v1/me").json().get("id").asString();
		String text = unique("Tagged");
		Map<String, String> firefox = Map.of("browser", "Firefox 128", "os", "Linux");
		long id = tracker.captureAll(List.of(event(text, "production", "2.0.0", "node-a", null, firefox),
				event(text, "production", "2.0.1", "node-b", null, firefox),
				event(text, "staging", "2.0.1", "node-a", account, Map.of("browser", "Chrome 130", "request_id", "r1"))))
				.get(0).issueId();

		String page = page(admin, "/admin/errors/" + id).body();
		assertThat(page).contains("<dd id=\"project\">Pledge</dd>")
				.contains("<dd id=\"environment\">production, staging</dd>")
				.contains("<dd id=\"release\">first seen in 2.0.0, last seen in 2.0.1</dd>")
				.contains("production: 2 events (66%)", "staging: 1 event (33%)")
				.contains("Firefox 128: 2 events (66%)", "Chrome 130: 1 event (33%)", "Linux: 2 events (100%)")
				.contains("node-a: 2 events (66%)", "2.0.1: 2 events (66%)")
				.doesNotContain("<dt>request_id</dt>")
				.contains("<dd id=\"request\">POST /api/v1/things/{id} · request id req-staging</dd>")
				.contains(">Ada Lovelace (" + email + ")</a>");
		// the trend: 3 events in the current hour, as numbers a screen reader reads
		assertThat(page).contains("Events per hour, last 24 hours (UTC): <span>3</span> in all")
				.contains("Events per day, last 14 days (UTC): <span>3</span> in all");
		String hourly = page.substring(page.indexOf("<table id=\"hourly\">"), page.indexOf("</table>", page.indexOf("<table id=\"hourly\">")));
		assertThat(hourly.split("<tr>")).hasSize(1 + 1 + 24);
		assertThat(hourly).contains(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:00")
				.withZone(java.time.ZoneOffset.UTC).format(clock.instant()) + "</td><td>3</td>");
		assertThat(page).contains("<svg class=\"trend\"").doesNotContain("src=\"http", "href=\"http");
		assertThat(visible(page)).doesNotContain("null");
		// the account is named, its id only in the link to its page (other issues' titles, offered as merge targets,
		// may hold ids of their own)
		assertThat(visible(page)).as("the account's raw id in the page's text").doesNotContain(account);

		// the API's detail carries the same summary
		String json = admin.get("/api/v1/admin/issues/" + id).body();
		assertThat(json).contains("\"project\":\"Pledge\"", "\"hourly\":", "{\"value\":\"production\",\"count\":2}");
	}

	@Test
	void anErasedAccountIsSaidSoNeverShownAsAnId() {
		ApiClient admin = admin();
		long unknown = tracker.capture(event(unique("Gone"), "production", "2.0.0", null, AccountId.random().toString(),
				Map.of())).issueId();
		assertThat(page(admin, "/admin/errors/" + unknown).body()).contains("<span>an erased account</span>");

		String email = randomEmail();
		ApiClient person = client();
		People.registerAndVerify(person, mailbox, email);
		People.signIn(person, email, People.PASSWORD);
		AccountId account = AccountId.of(person.get("/api/v1/me").json().get("id").asString());
		long id = tracker.capture(event(unique("Erased"), "production", "2.0.0", null, account.toString(), Map.of()))
				.issueId();
		assertThat(page(admin, "/admin/errors/" + id).body()).contains("Ada Lovelace (" + email + ")");
		new TransactionTemplate(transactions).executeWithoutResult(status -> vault.destroy(account));
		String page = page(admin, "/admin/errors/" + id).body();
		assertThat(page).contains("<span>an erased account</span>").doesNotContain(account.toString())
				.doesNotContain("Ada Lovelace");
	}

	@Test
	void offersOnlyTheActionsTheStatusAllows() {
		ApiClient admin = admin();
		long id = tracker.capture(message(unique("Actions"), "1.0.0")).issueId();
		long other = tracker.capture(message(unique("Target"), "1.0.0")).issueId();

		String unresolved = actions(page(admin, "/admin/errors/" + id).body());
		assertThat(unresolved).contains(">Resolve<", ">Ignore<").doesNotContain(">Reopen<", ">Stop ignoring<");

		assertThat(admin.patch("/api/v1/admin/issues/" + id, Map.of("status", "resolved")).status()).isEqualTo(200);
		String resolved = actions(page(admin, "/admin/errors/" + id).body());
		assertThat(resolved).contains(">Reopen<").doesNotContain(">Resolve<", ">Ignore<", ">Stop ignoring<");

		assertThat(admin.patch("/api/v1/admin/issues/" + id, Map.of("status", "ignored")).status()).isEqualTo(200);
		String ignored = actions(page(admin, "/admin/errors/" + id).body());
		assertThat(ignored).contains(">Stop ignoring<", ">Resolve<").doesNotContain(">Ignore<", ">Reopen<");

		assertThat(admin.patch("/api/v1/admin/issues/" + id, Map.of("status", "unresolved")).status()).isEqualTo(200);
		assertThat(admin.post("/api/v1/admin/issues/" + id + "/merge", Map.of("into", other)).status()).isEqualTo(200);
		String merged = page(admin, "/admin/errors/" + id).body();
		assertThat(actions(merged)).doesNotContain("<form", "<button")
				.contains("<a href=\"/admin/errors/" + other + "\">issue #" + other + "</a>");
		assertThat(merged).doesNotContain("/comments\"");
		assertThat(visible(merged)).doesNotContain("null");
	}

	private static String actions(String page) {
		int start = page.indexOf("id=\"actions\"");
		assertThat(start).as("the actions section").isPositive();
		return page.substring(start, page.indexOf("<h2", start));
	}
}
