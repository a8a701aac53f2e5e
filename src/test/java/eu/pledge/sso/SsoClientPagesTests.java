package eu.pledge.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import eu.pledge.access.AccessFixture;
import eu.pledge.testing.ApiClient;

/** The administrators' page of a system's clients: list, register (secret shown once), edit, rotate, delete. */
class SsoClientPagesTests extends AccessFixture {

	private static final Map<String, String> HTML = Map.of("Accept", "text/html");
	private static final String CLIENTS = "/admin/systems/crm/clients";

	static ApiClient.Response page(ApiClient client, String path) {
		return client.send("GET", path, null, HTML);
	}

	/** Posts a form of {@code page} (with that page's CSRF token) to {@code action}. */
	static ApiClient.Response form(ApiClient client, String page, String action, String fields) {
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page(client, page).body());
		assertThat(csrf.find()).isTrue();
		return client.send("POST", action, fields + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8),
				Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"));
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String secretOn(String page) {
		Matcher secret = Pattern.compile("<code class=\"secret\">([^<]+)</code>").matcher(page);
		assertThat(secret.find()).as(page).isTrue();
		return secret.group(1);
	}

	@Test
	void anAdministratorRegistersEditsRotatesAndDeletesAClientAndSeesEachSecretOnce() {
		ApiClient admin = admin();
		ApiClient system = client();
		assertThat(page(admin, "/admin/organizations").body()).as("the console links each system")
				.contains("href=\"/admin/systems/crm/clients\"", "href=\"/admin/systems/billing/clients\"");

		ApiClient.Response registered = form(admin, CLIENTS, CLIENTS, "name=Sales+desk&type=confidential&redirectUris="
				+ enc(SsoFlow.REDIRECT) + "&postLogoutRedirectUris=&backchannelLogoutUri=&subject=pairwise&scopes=openid&scopes=email");
		assertThat(registered.status()).as(registered.body()).isEqualTo(200);
		assertThat(registered.body()).contains("copy it now", "the only time Pledge shows it");
		String secret = secretOn(registered.body());
		Matcher id = Pattern.compile("<code>(crm-[a-z0-9]+)</code>").matcher(registered.body());
		assertThat(id.find()).isTrue();
		SsoFlow.Client client = new SsoFlow.Client(id.group(1), secret);
		assertThat(SsoFlow.token(system, client, "grant_type=client_credentials").status()).isEqualTo(200);

		String list = page(admin, CLIENTS).body();
		assertThat(list).contains(client.clientId(), "Sales desk", SsoFlow.REDIRECT, "pairwise", "email openid")
				.doesNotContain(secret);
		String edit = CLIENTS + "/" + client.clientId();
		assertThat(page(admin, edit).body()).contains("Sales desk", SsoFlow.REDIRECT).doesNotContain(secret);

		ApiClient.Response saved = form(admin, edit, edit, "name=Sales+desk+2&redirectUris=" + enc(SsoFlow.REDIRECT)
				+ "%0D%0Ahttps%3A%2F%2Fcrm.example.test%2Fsecond&postLogoutRedirectUris=" + enc("https://crm.example.test/bye")
				+ "&backchannelLogoutUri=" + enc("https://crm.example.test/backchannel") + "&subject=public&scopes=openid");
		assertThat(saved.status()).as(saved.body()).isEqualTo(302);
		assertThat(saved.header("Location")).endsWith(CLIENTS);
		assertThat(page(admin, CLIENTS).body()).contains("Sales desk 2", "https://crm.example.test/second",
				"https://crm.example.test/bye", "https://crm.example.test/backchannel", "public", "was saved");

		ApiClient.Response rotated = form(admin, edit, edit + "/secret", "x=1");
		assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
		String renewed = secretOn(rotated.body());
		assertThat(renewed).isNotEqualTo(secret);
		assertThat(rotated.body()).contains("copy it now", "The previous secret keeps working until");
		assertThat(page(admin, CLIENTS).body()).contains("previous one valid until").doesNotContain(renewed);
		assertThat(SsoFlow.token(system, new SsoFlow.Client(client.clientId(), renewed), "grant_type=client_credentials")
				.status()).isEqualTo(200);
		assertThat(SsoFlow.token(system, client, "grant_type=client_credentials").status()).as("the overlap").isEqualTo(200);

		ApiClient.Response confirm = page(admin, edit + "/deletion");
		assertThat(confirm.status()).isEqualTo(200);
		assertThat(confirm.body()).contains("cannot be undone", client.clientId());
		ApiClient.Response deleted = form(admin, edit + "/deletion", edit + "/deletion", "x=1");
		assertThat(deleted.status()).isEqualTo(302);
		assertThat(page(admin, CLIENTS).body()).doesNotContain(client.clientId() + "<").contains("was deleted");
		assertThat(page(admin, edit).status()).isEqualTo(404);
		assertThat(SsoFlow.token(system, new SsoFlow.Client(client.clientId(), renewed), "grant_type=client_credentials")
				.status()).isEqualTo(401);
	}

	@Test
	void aFifthRotationWithinTheOverlapIsRefusedOnThePageAndTheEarlierSecretsCanBeEndedThere() {
		ApiClient admin = admin();
		ApiClient system = client();
		SsoFlow.Client first = SsoFlow.register(admin, "crm", Map.of());
		String edit = CLIENTS + "/" + first.clientId();
		assertThat(page(admin, edit).body()).doesNotContain("End the earlier secrets now");
		String latest = null;
		for (int i = 0; i < ClientSecrets.MAX_PREVIOUS; i++) {
			latest = secretOn(form(admin, edit, edit + "/secret", "x=1").body());
		}
		assertThat(page(admin, edit).body()).contains("An earlier secret still works until", "End the earlier secrets now");

		ApiClient.Response refused = form(admin, edit, edit + "/secret", "x=1");
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.body()).contains("was made new 4 times within 24 hours", "End the earlier secrets now")
				.doesNotContain("copy it now");
		assertThat(SsoFlow.token(system, first, "grant_type=client_credentials").status()).as("still in its overlap")
				.isEqualTo(200);

		ApiClient.Response ended = form(admin, edit, edit + "/previous-secrets/end", "x=1");
		assertThat(ended.status()).isEqualTo(302);
		assertThat(page(admin, edit).body()).contains("Only the current secret of " + first.clientId() + " works now.")
				.doesNotContain("End the earlier secrets now");
		assertThat(SsoFlow.token(system, first, "grant_type=client_credentials").status()).isEqualTo(401);
		assertThat(SsoFlow.token(system, new SsoFlow.Client(first.clientId(), latest), "grant_type=client_credentials")
				.status()).isEqualTo(200);
		assertThat(form(admin, edit, edit + "/secret", "x=1").status()).as("a rotation again").isEqualTo(200);
	}

	@Test
	void aBadRedirectUriIsShownBesideItsFieldWithWhatWasTyped() {
		ApiClient admin = admin();
		ApiClient.Response refused = form(admin, CLIENTS, CLIENTS, "name=Typed+name&type=public&redirectUris="
				+ enc("https://*.example.com/cb") + "&postLogoutRedirectUris=" + enc("https://crm.example.test/bye")
				+ "&subject=public&scopes=openid&scopes=address");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("id=\"redirectUris-error\" class=\"field-error\">Use an exact https URI",
				"https://*.example.com/cb</textarea>", "value=\"Typed name\"", "https://crm.example.test/bye</textarea>",
				"<option value=\"public\" selected=\"selected\">public (a browser")
				.containsPattern("name=\"scopes\" value=\"address\" checked=\"checked\"")
				.doesNotContain("copy it now");
		assertThat(admin.get("/api/v1/admin/systems/crm/clients").body()).doesNotContain("Typed name");

		SsoFlow.Client client = SsoFlow.register(admin, "crm", Map.of());
		String edit = CLIENTS + "/" + client.clientId();
		ApiClient.Response bad = form(admin, edit, edit, "name=Kept&redirectUris=" + enc(SsoFlow.REDIRECT)
				+ "&backchannelLogoutUri=" + enc("http://crm.example.test/backchannel") + "&subject=pairwise&scopes=openid");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.body()).contains("id=\"backchannelLogoutUri-error\"", "value=\"http://crm.example.test/backchannel\"",
				"value=\"Kept\"");
		assertThat(admin.get("/api/v1/admin/systems/crm/clients/" + client.clientId()).json().get("name").asString())
				.as("nothing saved").isEqualTo("crm app");
	}

	@Test
	void onlyPlatformAdministratorsSeeThePageAndUnknownSystemsAreNotFound() {
		ApiClient admin = admin();
		SsoFlow.Client client = SsoFlow.register(admin, "crm", Map.of());
		ApiClient person = person().client();
		assertThat(page(person, CLIENTS).status()).isEqualTo(403);
		assertThat(page(person, CLIENTS + "/" + client.clientId()).status()).isEqualTo(403);
		assertThat(form(person, "/account/apps", CLIENTS + "/" + client.clientId() + "/deletion", "x=1").status())
				.isEqualTo(403);
		assertThat(admin.get("/api/v1/admin/systems/crm/clients/" + client.clientId()).status()).as("not deleted")
				.isEqualTo(200);
		assertThat(page(admin, "/admin/systems/nope/clients").status()).isEqualTo(404);
		assertThat(page(admin, "/admin/systems/billing/clients/" + client.clientId()).status())
				.as("a client of another system").isEqualTo(404);
	}
}
