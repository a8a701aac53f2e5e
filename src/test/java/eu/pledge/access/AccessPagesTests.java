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
}
