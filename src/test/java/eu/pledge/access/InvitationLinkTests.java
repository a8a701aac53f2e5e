package eu.pledge.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.AtOnce;
import eu.pledge.testing.People;

/**
 * The invitation link names the organisation and, opened signed out, survives signing in or registering (and
 * confirming the address) in the same browser, landing on "Join Acme GmbH?".
 */
@ExtendWith(OutputCaptureExtension.class)
class InvitationLinkTests extends AccessFixture {

	private static final Map<String, String> HTML = Map.of("Accept", "text/html");

	private static ApiClient.Response page(ApiClient client, String path) {
		return client.send("GET", path, null, HTML);
	}

	private String acmeWithSeats(ApiClient admin) {
		ApiClient.Response created = admin.post("/api/v1/admin/organizations", Map.of("name", "Acme GmbH"));
		assertThat(created.status()).isEqualTo(201);
		String organization = created.json().get("id").asString();
		Instant now = clock.instant();
		contract(admin, organization, 10, now.minusSeconds(60), now.plus(Duration.ofDays(30)), Map.of("crm", "viewer"));
		return organization;
	}

	/** Invites {@code invitee} to Acme GmbH (a contract with seats) as {@code role}: the token from the mail. */
	private String invitedToAcme(Person invitee, String role) {
		ApiClient admin = admin();
		invite(admin, acmeWithSeats(admin), invitee.email(), role, 202);
		return mailbox.token(invitee.email(), "You are invited to join Acme GmbH");
	}

	private static String link(String token) {
		return "/invitations/accept?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
	}

	/** Signs in through the browser form and follows the continuation page to where it leads. */
	private static ApiClient.Response signInAndContinue(ApiClient browser, String email) {
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page(browser, "/login").body());
		assertThat(csrf.find()).isTrue();
		ApiClient.Response signedIn = browser.send("POST", "/login", "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
				+ "&password=correct+horse+battery+staple&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8),
				Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"));
		assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(302);
		assertThat(signedIn.header("Location")).endsWith("/login/continue");
		ApiClient.Response onward = page(browser, "/login/continue");
		assertThat(onward.status()).isEqualTo(200);
		Matcher next = Pattern.compile("id=\"continue\" href=\"([^\"]+)\"").matcher(onward.body());
		assertThat(next.find()).as(onward.body()).isTrue();
		return page(browser, next.group(1).replace("&amp;", "&"));
	}

	private static String acceptForm(ApiClient browser, ApiClient.Response joinPage, String token) {
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(joinPage.body());
		assertThat(csrf.find()).isTrue();
		ApiClient.Response joined = browser.send("POST", "/invitations/accept", "token="
				+ URLEncoder.encode(token, StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8),
				Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"));
		assertThat(joined.status()).as(joined.body()).isEqualTo(302);
		return joined.header("Location");
	}

	@Test
	void aLinkOpenedSignedOutLeadsBackToTheJoinPageAfterSigningIn(CapturedOutput output) {
		Person invitee = person();
		String token = invitedToAcme(invitee, "admin");

		ApiClient browser = client();
		ApiClient.Response signedOut = page(browser, link(token));
		assertThat(signedOut.status()).isEqualTo(200);
		assertThat(signedOut.body()).contains("Join Acme GmbH?", "as\n      <strong>admin</strong>", "href=\"/login\"",
				"href=\"/register\"").doesNotContain("<form method=\"post\" action=\"/invitations/accept\"");
		assertThat(signedOut.header("Referrer-Policy")).isEqualTo("same-origin");

		ApiClient.Response joinPage = signInAndContinue(browser, invitee.email());
		assertThat(joinPage.status()).isEqualTo(200);
		assertThat(joinPage.body()).contains("<h1>Join Acme GmbH?</h1>", "Join Acme GmbH</button>");
		assertThat(acceptForm(browser, joinPage, token)).endsWith("/account/access");
		assertThat(page(browser, "/account/access").body()).contains("Acme GmbH");
		// single use: the same link afterwards says so, no membership twice
		ApiClient.Response again = page(browser, link(token));
		assertThat(again.status()).isEqualTo(400);
		assertThat(again.body()).contains("invalid, was already used or has expired");
		assertThat(output.getAll()).as("the token is in no log line").doesNotContain(token);
	}

	/**
	 * While the invitee signs in, the link waits in the session's row sealed: someone reading the database (or a
	 * backup of it) finds no invitation token there, as the invitations table keeps only the token's hash.
	 */
	@Test
	void theLinkWaitingForTheSignInIsNotInTheClearInTheSessionsRow() {
		Person invitee = person();
		String token = invitedToAcme(invitee, "member");
		ApiClient browser = client();
		assertThat(page(browser, link(token)).status()).isEqualTo(200);

		java.util.List<byte[]> stored = jdbc.sql("SELECT attribute_bytes FROM spring_session_attributes"
				+ " WHERE attribute_name = 'pledge.continueAfterSignIn'").query(byte[].class).list();
		assertThat(stored).isNotEmpty();
		String encoded = URLEncoder.encode(token, StandardCharsets.UTF_8);
		assertThat(stored).noneSatisfy(bytes -> assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
				.containsAnyOf(token, encoded, "/invitations/accept"));
		ApiClient.Response joinPage = signInAndContinue(browser, invitee.email());
		assertThat(joinPage.body()).contains("<h1>Join Acme GmbH?</h1>");
	}

	@Test
	void fortyJoinsAtOnceFromTheJoinPageMakeOneMembership() throws Exception {
		Person invitee = person();
		String token = invitedToAcme(invitee, "member");
		ApiClient browser = client();
		page(browser, link(token));
		ApiClient.Response joinPage = signInAndContinue(browser, invitee.email());
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(joinPage.body());
		assertThat(csrf.find()).isTrue();
		String fields = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&_csrf="
				+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);

		int joined = 0;
		for (ApiClient.Response response : AtOnce.times(40, () -> browser.send("POST", "/invitations/accept", fields,
				Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html")))) {
			assertThat(response.status()).as(response.body()).isIn(302, 400, 409);
			if (response.status() == 302) {
				assertThat(response.header("Location")).endsWith("/account/access");
				joined++;
			}
		}
		assertThat(joined).isEqualTo(1);
		assertThat(browser.get("/api/v1/me/access").json().get("organizations").size()).isEqualTo(1);
	}

	@Test
	void aLinkOpenedSignedOutSurvivesRegistrationAndConfirmation() {
		ApiClient admin = admin();
		String organization = acmeWithSeats(admin);
		String email = randomEmail();
		invite(admin, organization, email, "member", 202);
		String token = mailbox.token(email, "You are invited to join Acme GmbH");

		ApiClient browser = client();
		assertThat(page(browser, link(token)).body()).contains("Join Acme GmbH?");
		assertThat(page(browser, "/register").status()).isEqualTo(200);
		People.registerAndVerify(browser, mailbox, email); // the same browser registers and opens the confirmation link

		ApiClient.Response joinPage = signInAndContinue(browser, email);
		assertThat(joinPage.status()).isEqualTo(200);
		assertThat(joinPage.body()).contains("<h1>Join Acme GmbH?</h1>", "<strong>member</strong>");
		assertThat(acceptForm(browser, joinPage, token)).endsWith("/account/access");
		assertThat(page(browser, "/account/access").body()).contains("Acme GmbH");
	}

	@Test
	void aWrongOrExpiredLinkSaysSoAndIsNotKeptForAfterSignIn() {
		Person invitee = person();
		String token = invitedToAcme(invitee, "member");

		for (String wrong : new String[] { "forged", "", "x".repeat(5_000), "%3Cscript%3E" }) {
			ApiClient.Response refused = page(client(), "/invitations/accept?token=" + wrong);
			assertThat(refused.status()).as(wrong).isEqualTo(400);
			assertThat(refused.body()).contains("This invitation link is invalid, was already used or has expired")
					.doesNotContain("Join Acme GmbH");
		}
		assertThat(page(client(), "/invitations/accept").status()).isEqualTo(400);

		clock.advance(Duration.ofDays(8));
		ApiClient browser = client();
		ApiClient.Response expired = page(browser, link(token));
		assertThat(expired.status()).isEqualTo(400);
		assertThat(expired.body()).contains("has expired").doesNotContain("Acme GmbH");
		ApiClient.Response signedInExpired = page(invitee.client(), link(token));
		assertThat(signedInExpired.status()).isEqualTo(400);
	}
}
