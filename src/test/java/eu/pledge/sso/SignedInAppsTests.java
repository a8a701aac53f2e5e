package eu.pledge.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import eu.pledge.access.AccessFixture;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.AtOnce;
import tools.jackson.databind.JsonNode;

/** A person's apps: the systems they are signed in to through Pledge, what each received, signing out of one. */
class SignedInAppsTests extends AccessFixture {

	private ApiClient system;

	@BeforeEach
	void system() {
		system = client();
	}

	private Person member(ApiClient admin, String organization) {
		return member(admin, organization, "MEMBER");
	}

	private String organization(ApiClient admin, Map<String, String> systems) {
		String organization = organization(admin);
		contract(admin, organization, 10, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)),
				systems);
		return organization;
	}

	private SsoFlow.Tokens signIn(Person person, SsoFlow.Client client, String scope) {
		String verifier = SsoFlow.verifier();
		SsoFlow.Tokens tokens = SsoFlow.exchange(system, client, SsoFlow.code(person.client(), client, scope, verifier),
				verifier);
		assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
		return tokens;
	}

	private long audited(Person person) {
		return jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE action = 'sso.app-signed-out' AND target_id = ?")
				.param(person.id().toString()).query(Long.class).single();
	}

	@Test
	void theAppsShowEachSystemSignedInToWithWhatItReceivedAndNotAnotherPersons() {
		ApiClient admin = admin();
		String organization = organization(admin, Map.of("crm", "editor", "billing", "viewer"));
		Person person = member(admin, organization);
		Person colleague = member(admin, organization);
		SsoFlow.Client crm = SsoFlow.register(admin, "crm", Map.of());
		SsoFlow.register(admin, "billing", Map.of());
		signIn(person, crm, "openid profile email address");

		JsonNode apps = person.client().get("/api/v1/me/apps").json().get("apps");
		assertThat(apps.size()).as(apps.toString()).isEqualTo(1);
		JsonNode app = apps.get(0);
		assertThat(app.get("system").asString()).isEqualTo("crm");
		assertThat(app.get("clients").toString()).contains("crm app");
		assertThat(app.get("scopes").toString()).contains("openid", "profile", "email", "address");
		assertThat(app.get("received").toString()).as("crm's declared purpose: name and email")
				.isEqualTo("[\"name\",\"email\"]");
		assertThat(app.get("access").get("level").asString()).isEqualTo("editor");
		assertThat(app.get("subjects").toString()).isEqualTo("[\"pairwise\"]");
		Instant until = Instant.parse(app.get("until").asString());
		assertThat(until).as("the refresh token's end").isAfter(clock.instant().plus(Duration.ofHours(1)));
		assertThat(Instant.parse(app.get("since").asString())).isBeforeOrEqualTo(until);

		ApiClient.Response page = SsoClientPagesTests.page(person.client(), "/account/apps");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("crm", "name, email", "your access: editor", "an identifier of its own",
				"action=\"/account/apps/crm/sign-out\"").doesNotContain("billing");
		assertThat(page.body()).contains("href=\"/account/apps\"");

		assertThat(colleague.client().get("/api/v1/me/apps").json().get("apps").size()).isZero();
		assertThat(SsoClientPagesTests.page(colleague.client(), "/account/apps").body())
				.contains("not signed in to any system").doesNotContain("/account/apps/crm/sign-out");
	}

	@Test
	void signingOutOfOneSystemStopsItsTokensAtOnceAndLeavesTheOthers() {
		ApiClient admin = admin();
		Person person = member(admin, organization(admin, Map.of("crm", "editor", "billing", "viewer")));
		SsoFlow.Client crm = SsoFlow.register(admin, "crm", Map.of());
		SsoFlow.Client crmMobile = SsoFlow.register(admin, "crm", Map.of("type", "public"));
		SsoFlow.Client billing = SsoFlow.register(admin, "billing", Map.of());
		SsoFlow.Tokens crmTokens = signIn(person, crm, "openid email");
		SsoFlow.Tokens mobileTokens = signIn(person, crmMobile, "openid");
		SsoFlow.Tokens billingTokens = signIn(person, billing, "openid");
		assertThat(person.client().get("/api/v1/me/apps").json().get("apps").size()).isEqualTo(2);

		ApiClient.Response signedOut = SsoClientPagesTests.form(person.client(), "/account/apps",
				"/account/apps/crm/sign-out", "x=1");
		assertThat(signedOut.status()).isEqualTo(302);
		assertThat(signedOut.header("Location")).endsWith("/account/apps");
		assertThat(SsoClientPagesTests.page(person.client(), "/account/apps").body()).contains("signed out of crm");

		assertThat(SsoFlow.userInfo(system, crmTokens.access()).status()).isEqualTo(401);
		assertThat(SsoFlow.refresh(system, crm, crmTokens.refresh()).status()).isEqualTo(400);
		assertThat(SsoFlow.userInfo(system, mobileTokens.access()).status()).as("every client of crm").isEqualTo(401);
		assertThat(SsoFlow.userInfo(system, billingTokens.access()).status()).isEqualTo(200);
		SsoFlow.Tokens refreshed = SsoFlow.refresh(system, billing, billingTokens.refresh());
		assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
		JsonNode apps = person.client().get("/api/v1/me/apps").json().get("apps");
		assertThat(apps.size()).isEqualTo(1);
		assertThat(apps.get(0).get("system").asString()).isEqualTo("billing");
		assertThat(recordedEvents.of(AppSignedOut.class)).filteredOn(event -> event.account().equals(person.id()))
				.extracting(AppSignedOut::system).containsExactly("crm");
		assertThat(audited(person)).isEqualTo(1);

		assertThat(person.client().delete("/api/v1/me/apps/billing").status()).isEqualTo(204);
		assertThat(SsoFlow.userInfo(system, refreshed.access()).status()).isEqualTo(401);
		assertThat(person.client().get("/api/v1/me/apps").json().get("apps").size()).isZero();
		assertThat(person.client().delete("/api/v1/me/apps/billing").status()).as("nothing left: the same answer")
				.isEqualTo(204);
		assertThat(audited(person)).isEqualTo(2);
		ApiClient.Response unknown = person.client().delete("/api/v1/me/apps/nope");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.body()).contains("There is no such system.");
	}

	@Test
	void fortySignOutsAtOnceEndTheTokensOnceAndAreAuditedOnce() throws Exception {
		ApiClient admin = admin();
		Person person = member(admin, organization(admin, Map.of("crm", "viewer")));
		SsoFlow.Client crm = SsoFlow.register(admin, "crm", Map.of());
		SsoFlow.Tokens tokens = signIn(person, crm, "openid");

		List<Integer> answers = AtOnce.run(40, i -> {
			ApiClient browser = person.client().on(port);
			return () -> browser.delete("/api/v1/me/apps/crm").status();
		});
		assertThat(answers).containsOnly(204);
		assertThat(SsoFlow.userInfo(system, tokens.access()).status()).isEqualTo(401);
		assertThat(audited(person)).isEqualTo(1);
		assertThat(recordedEvents.of(AppSignedOut.class)).filteredOn(event -> event.account().equals(person.id()))
				.hasSize(1);
	}
}
