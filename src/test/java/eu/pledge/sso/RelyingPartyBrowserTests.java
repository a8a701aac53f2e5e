package eu.pledge.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.pledge.access.AccessFixture;
import eu.pledge.accounts.TotpCodes;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.Browser;
import eu.pledge.testing.People;
import example.crm.CrmApplication;

/**
 * A real relying party, {@link CrmApplication} (Spring Boot with the ordinary OAuth 2.0 client), on its own port
 * next to Pledge, with a person in a real browser (Debian's headless Chromium): signing in through Pledge's own
 * page with the second factor, the access claim on the system's page, the refusal page for someone without a
 * contract, refresh ending with the contract, and back-channel logout when the person signs out of Pledge.
 * <p>
 * Pledge's issuer is {@code pledge.base-url}, and the relying party checks it against the issuer it was given:
 * Pledge runs on a fixed free port here, and its base URL is the address the browser and the relying party use.
 */
class RelyingPartyBrowserTests extends AccessFixture {

	private static final int PLEDGE_PORT = freePort();
	private static final String PLEDGE = "http://localhost:" + PLEDGE_PORT;
	private static final Duration ARRIVAL = Duration.ofSeconds(15);

	private static ConfigurableApplicationContext crm;
	private static String rp;
	private static String clientId;

	@Autowired
	SigningKeys keys;

	private Browser browser;

	@DynamicPropertySource
	static void fixedAddress(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PLEDGE_PORT);
		registry.add("pledge.base-url", () -> PLEDGE);
	}

	/** The relying party, once for the class: its client registered through the admin API, then started. */
	@BeforeEach
	void relyingParty() throws IOException {
		if (crm == null) {
			int rpPort = freePort();
			rp = "http://localhost:" + rpPort;
			ApiClient.Response created = admin().post("/api/v1/admin/systems/crm/clients", Map.of("name", "CRM",
					"redirectUris", List.of(rp + "/login/oauth2/code/" + CrmApplication.REGISTRATION),
					"backchannelLogoutUri", rp + "/logout/connect/back-channel/" + CrmApplication.REGISTRATION));
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			clientId = created.json().get("clientId").asString();
			String registration = "spring.security.oauth2.client.registration." + CrmApplication.REGISTRATION;
			crm = CrmApplication.start(rpPort, Map.of(registration + ".client-id", clientId,
					registration + ".client-secret", created.json().get("secret").asString(),
					registration + ".scope", "openid,profile,email",
					"crm.id-token-algorithm", keys.current().jwk().getAlgorithm().getName(),
					"spring.security.oauth2.client.provider." + CrmApplication.REGISTRATION + ".issuer-uri", PLEDGE));
		}
		browser = Browser.start(port);
	}

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.close();
		}
	}

	@AfterAll
	static void stopRelyingParty() {
		if (crm != null) {
			crm.close();
			crm = null;
		}
	}

	@Test
	void aMemberWithTheSecondFactorSignsInThroughPledgeAndTheSystemShowsTheirAccess() {
		assertThat(port).isEqualTo(PLEDGE_PORT);
		assertThat(client().get("/.well-known/openid-configuration").json().get("issuer").asString())
				.as("the issuer is the address the browser and the relying party use").isEqualTo(PLEDGE);
		ApiClient admin = admin();
		String organization = organization(admin);
		contract(admin, organization, 5, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)),
				Map.of("crm", "editor"));
		Person person = member(admin, organization, "MEMBER");
		String secret = enrolTotp(person);
		String organizationName = admin.get("/api/v1/admin/organizations/" + organization).json().get("organization")
				.get("name").asString();

		openTheSystem();
		signInOnPledge(person.email());
		assertThat(browser.url()).as("Pledge asks for the second factor").startsWith(PLEDGE + "/login/second-factor");
		browser.type("code", TotpCodes.code(secret, clock.instant(), 0));
		browser.submit();

		arriveAtTheSystem();
		assertThat(browser.heading()).isEqualTo("CRM");
		assertThat(browser.id("name").getText()).isEqualTo("Ada Lovelace");
		assertThat(browser.id("email").getText()).isEqualTo(person.email());
		assertThat(browser.id("level").getText()).isEqualTo("Access: editor");
		assertThat(browser.id("organization").getText()).isEqualTo("Organisation: " + organizationName);
	}

	@Test
	void someoneWithoutAContractForTheSystemSeesPledgesRefusalNotTheSystem() {
		ApiClient admin = admin();
		String organization = organization(admin);
		contract(admin, organization, 5, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)),
				Map.of("billing", "viewer"));
		Person person = member(admin, organization, "MEMBER");

		openTheSystem();
		signInOnPledge(person.email());

		browser.waitUntil(ARRIVAL, page -> page.url().startsWith(PLEDGE + "/sso/refused"));
		assertThat(browser.page()).contains("You cannot use this system").contains("crm");
		browser.driver().get(rp + "/");
		browser.waitUntil(ARRIVAL, page -> page.url().startsWith(PLEDGE + "/sso/refused"));
		assertThat(browser.url()).as("the system still has no session for them").doesNotStartWith(rp);
	}

	@Test
	void theSystemRefreshesItsTokensWhileTheContractRunsAndCannotOnceItHasEnded() {
		ApiClient admin = admin();
		String organization = organization(admin);
		String contract = contract(admin, organization, 5, Instant.now().minus(Duration.ofDays(1)),
				Instant.now().plus(Duration.ofDays(30)), Map.of("crm", "viewer"));
		Person person = member(admin, organization, "MEMBER");
		openTheSystem();
		signInOnPledge(person.email());
		arriveAtTheSystem();

		browser.driver().get(rp + "/refresh");
		assertThat(browser.id("result").getText()).as("the relying party holds a refresh token that works")
				.isEqualTo("refreshed");

		ApiClient.Response ended = admin.patch("/api/v1/admin/contracts/" + contract, Map.of("status", "ENDED"));
		assertThat(ended.status()).as(ended.body()).isEqualTo(200);
		browser.driver().get(rp + "/refresh");
		assertThat(browser.id("result").getText()).isEqualTo("refused: invalid_grant");
	}

	@Test
	void signingOutOfPledgeSignsThePersonOutOfTheSystemThroughTheBackChannel() {
		ApiClient admin = admin();
		String organization = organization(admin);
		contract(admin, organization, 5, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)),
				Map.of("crm", "viewer"));
		Person person = member(admin, organization, "MEMBER");
		openTheSystem();
		signInOnPledge(person.email());
		arriveAtTheSystem();
		browser.driver().get(rp + "/");
		assertThat(browser.driver().getTitle()).as("the system keeps its own session").isEqualTo("CRM · CRM");

		browser.open("/account");
		browser.clickAndWait(browser.find("form[action='/logout'] button"));
		assertThat(browser.page()).contains("You are signed out");

		try {
			browser.waitUntil(ARRIVAL, page -> {
				page.driver().get(rp + "/");
				return page.url().startsWith(PLEDGE + "/login");
			});
		}
		catch (org.openqa.selenium.TimeoutException ex) {
			throw new AssertionError(ARRIVAL.toSeconds() + " s after signing out of Pledge the system still shows "
					+ browser.url() + " (\"" + browser.driver().getTitle() + "\"): no back-channel logout ended its session");
		}
	}

	/**
	 * Discovery names the algorithm Pledge signs ID tokens with (ES256 by default), so that a relying party that
	 * follows it verifies them. Spring's authorization server announces RS256 unless told otherwise.
	 */
	@Test
	void discoveryNamesTheAlgorithmTheIdTokensAreSignedWith() {
		assertThat(client().get("/.well-known/openid-configuration").json().get("id_token_signing_alg_values_supported")
				.toString()).contains("\"" + keys.current().jwk().getAlgorithm().getName() + "\"");
	}

	/**
	 * The relying party's half of back-channel logout, whatever Pledge sends: a logout token as the specification
	 * describes it, signed with Pledge's current key, POSTed to the registered URI ends the system's session. The
	 * browser has lost its Pledge session first, so that the system, once signed out, sends it to Pledge's sign-in
	 * page instead of signing it in again at once.
	 */
	@Test
	void theSystemAcceptsALogoutTokenSignedWithPledgesKey() throws Exception {
		ApiClient admin = admin();
		String organization = organization(admin);
		contract(admin, organization, 5, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)),
				Map.of("crm", "viewer"));
		Person person = member(admin, organization, "MEMBER");
		openTheSystem();
		signInOnPledge(person.email());
		arriveAtTheSystem();
		String subject = browser.id("subject").getText();
		// cookies do not tell ports apart: keep only the system's own session cookie
		browser.driver().manage().getCookies().stream().filter(cookie -> !cookie.getName().equals("JSESSIONID"))
				.forEach(cookie -> browser.driver().manage().deleteCookie(cookie));
		browser.driver().get(rp + "/");
		assertThat(browser.driver().getTitle()).as("the system keeps its own session").isEqualTo("CRM · CRM");

		SigningKeys.Key key = keys.current(SsoProperties.KeyAlgorithm.RS256); // what Pledge signs logout tokens with
		Instant now = Instant.now();
		String logoutToken = new NimbusJwtEncoder(keys).encode(JwtEncoderParameters.from(
				JwsHeader.with(SignatureAlgorithm.from(key.jwk().getAlgorithm().getName())).keyId(key.kid())
						.type("logout+jwt").build(),
				JwtClaimsSet.builder().issuer(PLEDGE).audience(List.of(clientId)).subject(subject).issuedAt(now)
						.expiresAt(now.plus(Duration.ofMinutes(2))).id(UUID.randomUUID().toString())
						.claim("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()))
						.build())).getTokenValue();
		HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
				URI.create(rp + "/logout/connect/back-channel/" + CrmApplication.REGISTRATION))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("logout_token=" + logoutToken)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).as("%s answers %s", key.jwk().getAlgorithm(), answer.body()).isEqualTo(200);

		browser.driver().get(rp + "/");
		browser.waitUntil(ARRIVAL, page -> page.url().startsWith(PLEDGE + "/login"));
	}

	/** Opens the system's page; not signed in there, the browser ends on Pledge's sign-in page. */
	private void openTheSystem() {
		browser.driver().get(rp + "/");
		browser.waitUntil(ARRIVAL, page -> page.url().startsWith(PLEDGE + "/login"));
	}

	private void signInOnPledge(String email) {
		browser.type("email", email);
		browser.type("password", People.PASSWORD);
		browser.submit();
	}

	/** Pledge's "You are signed in" page moves on by itself; the browser ends on the system's page. */
	private void arriveAtTheSystem() {
		browser.waitUntil(ARRIVAL, page -> page.url().startsWith(rp + "/") && !page.url().contains("/login/oauth2/"));
		assertThat(browser.driver().getTitle()).as("%s shows%n%s", browser.url(), browser.page()).isEqualTo("CRM · CRM");
	}

	/**
	 * Turns on the second factor with the previous step's code, as a phone a little behind would: the code of the
	 * current step stays unspent for signing in (each step is accepted once).
	 */
	private String enrolTotp(Person person) {
		ApiClient.Response enrolment = person.client().post("/api/v1/me/totp", null);
		assertThat(enrolment.status()).as(enrolment.body()).isEqualTo(201);
		String secret = enrolment.json().get("secret").asString();
		ApiClient.Response confirmed = person.client().post("/api/v1/me/totp/confirmation",
				Map.of("code", TotpCodes.code(secret, clock.instant(), -1)));
		assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
		return secret;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
