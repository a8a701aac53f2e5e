package eu.pledge.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.AtOnce;

/** The pages: my access for everyone, the organisation page for owners, the admin console. */
class AccessPagesTests extends AccessFixture {

	private static final Map<String, String> HTML = Map.of("Accept", "text/html");

	private static ApiClient.Response page(ApiClient client, String path) {
		return client.send("GET", path, null, HTML);
	}

	private static ApiClient.Response form(ApiClient client, String page, String action, String fields) {
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page(client, page).body());
		assertThat(csrf.find()).isTrue();
		return client.send("POST", action, fields + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8),
				Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"));
	}

	@Test
	void ownersManageMembersOnTheirPageAndEveryoneSeesTheirAccess() {
		ApiClient admin = admin();
		assertThat(page(admin, "/admin/organizations").status()).isEqualTo(200);
		ApiClient.Response missing = page(admin, "/admin/organizations/" + java.util.UUID.randomUUID());
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.body()).contains("<h1>Not available</h1>", "There is no such organisation.",
				"<a href=\"/account/access\">Your access</a>");
		ApiClient.Response created = form(admin, "/admin/organizations", "/admin/organizations", "name=Globex");
		assertThat(created.status()).isEqualTo(302);
		String organization = created.header("Location").substring(created.header("Location").lastIndexOf('/') + 1);
		String start = clock.instant().minus(Duration.ofDays(1)).toString().substring(0, 10);
		String end = clock.instant().plus(Duration.ofDays(30)).toString().substring(0, 10);
		assertThat(form(admin, "/admin/organizations/" + organization, "/admin/organizations/" + organization + "/contracts",
				"startsAt=" + start + "&endsAt=" + end + "&seats=4&system.crm=editor&system.billing=").status()).isEqualTo(302);
		assertThat(page(admin, "/admin/organizations/" + organization).body()).contains("Globex", "crm: editor");

		Person owner = member(admin, organization, "owner");
		Person member = member(owner.client(), organization, "member");
		ApiClient.Response orgPage = page(owner.client(), "/organizations/" + organization);
		assertThat(orgPage.status()).isEqualTo(200);
		assertThat(orgPage.body()).contains(member.email(), "2 members");
		// members by name with their email, the owner as "you", no raw ids in the text
		assertThat(orgPage.body()).contains("<th scope=\"row\">Ada Lovelace (you)</th>", "<th scope=\"row\">Ada Lovelace</th>",
				"aria-label=\"Remove yourself\"", "aria-label=\"Remove Ada Lovelace\"")
				.doesNotContain(">" + member.id().value() + "<");
		assertThat(page(admin, "/admin/organizations/" + organization).body()).as("the console names them too")
				.contains("<th scope=\"row\">Ada Lovelace</th>", owner.email()).doesNotContain("(you)");
		assertThat(page(member.client(), "/organizations/" + organization).status()).isEqualTo(403);
		assertThat(page(person().client(), "/organizations/" + organization).status()).isEqualTo(404);

		String invitee = randomEmail();
		ApiClient.Response invited = form(owner.client(), "/organizations/" + organization,
				"/organizations/" + organization + "/invitations", "email=" + URLEncoder.encode(invitee, StandardCharsets.UTF_8) + "&role=MEMBER");
		assertThat(invited.header("Location")).endsWith("/organizations/" + organization);
		mailbox.await(invitee, "You are invited to join Globex");

		ApiClient.Response mine = page(member.client(), "/account/access");
		assertThat(mine.status()).isEqualTo(200);
		assertThat(mine.body()).contains("crm", "editor", "Globex");
		assertThat(page(person().client(), "/account/access").body()).contains("No active contract");
	}

	@Test
	void organisationPagesComeInSectionsListPendingInvitationsWithTheInviteeAndKeepWhatWasTyped() {
		ApiClient admin = admin();
		String organization = organization(admin);
		contract(admin, organization, 5, clock.instant().minus(Duration.ofDays(1)), clock.instant().plus(Duration.ofDays(30)),
				Map.of("crm", "editor"));
		Person owner = member(admin, organization, "OWNER");
		String ownerPage = "/organizations/" + organization;
		String adminPage = "/admin/organizations/" + organization;

		assertThat(page(owner.client(), ownerPage).body()).contains("<a href=\"#members\">Members</a>",
				"<a href=\"#invitations\">Invitations</a>", "id=\"members\"", "id=\"invitations\"",
				"No invitations are waiting for an answer.");
		assertThat(page(admin, adminPage).body()).contains("<a href=\"#details\">Details</a>",
				"<a href=\"#contracts\">Contracts</a>", "id=\"details\"", "id=\"contracts\"", "id=\"invitations\"");

		String invitee = randomEmail();
		invite(owner.client(), organization, invitee, "ADMIN", 202);
		for (ApiClient viewer : new ApiClient[] { owner.client(), admin }) {
			String body = page(viewer, viewer == admin ? adminPage : ownerPage).body();
			assertThat(body).contains("Invitations not yet accepted or expired", "<td>admin</td>", "<td>" + invitee + "</td>")
					.doesNotContain("No invitations are waiting");
		}

		// A form error keeps what was typed: the invitation's address, the contract's fields.
		ApiClient.Response refused = form(owner.client(), ownerPage, ownerPage + "/invitations", "email=not-an-address&role=MEMBER");
		assertThat(refused.status()).isEqualTo(302);
		String after = page(owner.client(), ownerPage).body();
		assertThat(after).contains("value=\"not-an-address\"", "aria-invalid=\"true\"");
		assertThat(page(owner.client(), ownerPage).body()).as("kept for one page only").doesNotContain("not-an-address");

		String start = clock.instant().toString().substring(0, 10);
		assertThat(form(admin, adminPage, adminPage + "/contracts", "startsAt=" + start + "&endsAt=&seats=three&system.crm=editor")
				.status()).isEqualTo(302);
		assertThat(page(admin, adminPage).body()).contains("value=\"" + start + "\"", "value=\"three\"",
				"<option value=\"editor\" selected=\"selected\">editor</option>");
	}

	@Test
	void revokingAnInvitationStopsItsLinkAtOnceAndFortyRevocationsAtOnceCountAsOne() throws Exception {
		ApiClient admin = admin();
		String organization = organization(admin);
		contract(admin, organization, 5, clock.instant().minus(Duration.ofDays(1)), clock.instant().plus(Duration.ofDays(30)),
				Map.of("crm", "editor"));
		Person owner = member(admin, organization, "OWNER");
		String ownerPage = "/organizations/" + organization;
		Person invitee = person();
		invite(owner.client(), organization, invitee.email(), "MEMBER", 202);
		String token = mailbox.token(invitee.email(), "You are invited to join");

		String body = page(owner.client(), ownerPage).body();
		Matcher action = Pattern.compile("action=\"(/organizations/[^\"]+/invitations/([0-9a-f]{32})/revocation)\"").matcher(body);
		assertThat(action.find()).as(body).isTrue();
		assertThat(body).doesNotContain(token).doesNotContain(eu.pledge.shared.Tokens.sha256(token));
		tools.jackson.databind.JsonNode listed = owner.client().get("/api/v1/organizations/" + organization + "/invitations").json();
		assertThat(listed.findValuesAsString("id")).containsExactly(action.group(2));
		assertThat(listed.toString()).contains("MEMBER", invitee.email()).doesNotContain("token");

		// Forty revocations at once through the API: none fails, one effect (the page's form is the same call).
		java.util.List<Integer> statuses = AtOnce.times(40, () -> owner.client()
				.delete("/api/v1/organizations/" + organization + "/invitations/" + action.group(2)).status());
		assertThat(statuses).contains(204).allMatch(status -> status == 204 || status == 400);
		String after = page(owner.client(), ownerPage).body();
		assertThat(after).contains("No invitations are waiting for an answer.");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM access_invitations WHERE organization_id = :o")
				.param("o", java.util.UUID.fromString(organization)).query(Long.class).single()).isZero();

		// The link is refused with a clear message, and the revocation was audited exactly once.
		ApiClient.Response accepted = invitee.client().post("/api/v1/invitations/acceptance", Map.of("token", token));
		assertThat(accepted.status()).isEqualTo(400);
		assertThat(accepted.body()).contains("This invitation is invalid, was already used or has expired.");
		String audit = "";
		for (int i = 0; i < 50 && !audit.contains("membership.invitation-revoked"); i++) {
			Thread.sleep(100);
			audit = owner.client().get("/api/v1/me/audit?action=membership.invitation-revoked").body();
		}
		assertThat(owner.client().get("/api/v1/me/audit?action=membership.invitation-revoked").json()
				.findValues("action")).hasSize(1);

		// A revocation through the page of an invitation already revoked is explained, not a 500.
		ApiClient.Response again = form(owner.client(), ownerPage, action.group(1), "x=1");
		assertThat(again.status()).isEqualTo(302);
		assertThat(page(owner.client(), ownerPage).body()).contains("This invitation is no longer pending");
	}
}
