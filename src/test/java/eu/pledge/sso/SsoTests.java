package eu.pledge.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import eu.pledge.access.AccessDenied;
import eu.pledge.access.AccessFixture;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.AtOnce;
import eu.pledge.testing.SecondNode;
import tools.jackson.databind.JsonNode;

/**
 * Single sign-on as a system meets it over HTTP: discovery, the code flow with PKCE from a signed-in session,
 * the claims (pairwise subject, access, minimised userinfo), refusals, refresh rotation and reuse.
 */
class SsoTests extends AccessFixture {

	private ApiClient system;

	@org.junit.jupiter.api.BeforeEach
	void system() {
		system = client();
	}

	private Person member(ApiClient admin, Map<String, String> systems) {
		String organization = organization(admin);
		contract(admin, organization, 10, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)),
				systems);
		return member(admin, organization, "MEMBER");
	}

	@Test
	void discoveryNamesTheEndpointsAndTheKeysAreEs256() {
		JsonNode discovery = system.get("/.well-known/openid-configuration").json();
		assertThat(discovery.get("authorization_endpoint").asString()).endsWith("/oauth2/authorize");
		assertThat(discovery.get("userinfo_endpoint").asString()).endsWith("/userinfo");
		assertThat(discovery.get("end_session_endpoint").asString()).endsWith("/connect/logout");
		assertThat(discovery.get("grant_types_supported").toString()).doesNotContain("password", "implicit");
		assertThat(discovery.get("id_token_signing_alg_values_supported").get(0).asString()).isEqualTo("ES256");
		assertThat(discovery.get("subject_types_supported").get(0).asString()).isEqualTo("pairwise");
		assertThat(discovery.get("scopes_supported").toString()).contains("openid", "profile", "email", "address");
		assertThat(discovery.get("backchannel_logout_supported").asBoolean()).isTrue();
		JsonNode keys = system.get("/oauth2/jwks").json().get("keys");
		assertThat(keys.size()).isGreaterThanOrEqualTo(2); // this slot's and the next one's
		assertThat(keys.toString()).contains("\"ES256\"", "\"RS256\"");
		for (JsonNode key : keys) {
			assertThat(key.has("d")).as("no private part is published").isFalse();
		}
	}

	@Test
	void aMemberSignsInToTheSystemTheContractIncludesAndGetsTheAccessClaim() {
		ApiClient admin = admin();
		Person person = member(admin, Map.of("crm", "editor"));
		SsoFlow.Client crm = SsoFlow.register(admin, "crm", Map.of());
		assertThat(crm.secret()).hasSizeGreaterThan(40);

		String verifier = SsoFlow.verifier();
		String code = SsoFlow.code(person.client(), crm, "openid profile email", verifier);
		SsoFlow.Tokens tokens = SsoFlow.exchange(system, crm, code, verifier);
		assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);

		JsonNode id = tokens.idToken();
		assertThat(id.get("sub").asString()).isNotEqualTo(person.id().toString()).hasSizeGreaterThan(20);
		assertThat(id.get("nonce").asString()).isEqualTo("n456");
		assertThat(id.get("access").get("level").asString()).isEqualTo("editor");
		assertThat(id.has("email")).as("no personal data in the ID token").isFalse();
		assertThat(SsoFlow.header(tokens.json().get("id_token").asString()).get("alg").asString()).isEqualTo("ES256");
		assertThat(id.get("exp").asLong() - id.get("iat").asLong()).as("an ID token lives as long as an access token")
				.isEqualTo(300);

		ApiClient.Response userInfo = SsoFlow.userInfo(system, tokens.access());
		assertThat(userInfo.status()).as(userInfo.body()).isEqualTo(200);
		assertThat(userInfo.json().get("sub").asString()).isEqualTo(id.get("sub").asString());
		assertThat(userInfo.json().get("email").asString()).isEqualTo(person.email());
		assertThat(userInfo.json().get("access").get("organization").get("name").asString()).startsWith("Acme");
		assertThat(userInfo.json().has("address")).as("not asked for").isFalse();
	}

	@Test
	void theSubjectIsPairwisePerSystemAndPublicOnlyWhenAsked() {
		ApiClient admin = admin();
		Person person = member(admin, Map.of("crm", "viewer", "billing", "viewer"));
		SsoFlow.Client crm = SsoFlow.register(admin, "crm", Map.of());
		SsoFlow.Client crm2 = SsoFlow.register(admin, "crm", Map.of());
		SsoFlow.Client billing = SsoFlow.register(admin, "billing", Map.of());
		SsoFlow.Client billingPublicSub = SsoFlow.register(admin, "billing", Map.of("subject", "public"));

		String crmSub = subject(person, crm);
		assertThat(subject(person, crm2)).as("every client of one system").isEqualTo(crmSub);
		assertThat(subject(person, billing)).isNotEqualTo(crmSub);
		assertThat(subject(person, billingPublicSub)).isEqualTo(person.id().toString());
	}

	private String subject(Person person, SsoFlow.Client client) {
		String verifier = SsoFlow.verifier();
		SsoFlow.Tokens tokens = SsoFlow.exchange(system, client, SsoFlow.code(person.client(), client, "openid", verifier),
				verifier);
		assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
		return tokens.idToken().get("sub").asString();
	}

	@Test
	void withoutAContractForTheSystemThePersonSeesPledgesPageAndTheDenialIsRecorded() {
		ApiClient admin = admin();
		Person person = member(admin, Map.of("billing", "viewer"));
		SsoFlow.Client crm = SsoFlow.register(admin, "crm", Map.of());

		ApiClient.Response answer = person.client().send("GET", SsoFlow.authorizePath(crm, "openid", SsoFlow.verifier()),
				null, Map.of("Accept", "text/html"));
		assertThat(answer.status()).isEqualTo(302);
		assertThat(answer.header("Location")).endsWith("/sso/refused?system=crm");
		ApiClient.Response page = person.client().send("GET", "/sso/refused?system=crm", null, Map.of("Accept", "text/html"));
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("You cannot use this system", "crm");
		assertThat(recorder.denials(person.id())).extracting(AccessDenied::target).contains("crm:viewer");
	}

	@Test
	void aStrangerIsSentToSignInAndBroughtBackToTheSystem() {
		ApiClient admin = admin();
		Person person = member(admin, Map.of("crm", "viewer"));
		SsoFlow.Client crm = SsoFlow.register(admin, "crm", Map.of());
		ApiClient browser = client();
		String authorize = SsoFlow.authorizePath(crm, "openid", SsoFlow.verifier());

		ApiClient.Response toLogin = browser.send("GET", authorize, null, Map.of("Accept", "text/html"));
		assertThat(toLogin.status()).isEqualTo(302);
		assertThat(toLogin.header("Location")).endsWith("/login");
		String csrf = csrf(browser.send("GET", "/login", null, Map.of("Accept", "text/html")).body());
		ApiClient.Response signedIn = browser.send("POST", "/login", "email=" + java.net.URLEncoder.encode(person.email(),
				java.nio.charset.StandardCharsets.UTF_8) + "&password=correct+horse+battery+staple&_csrf=" + csrf,
				Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"));
		assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(302);
		assertThat(signedIn.header("Location")).endsWith("/login/continue");
		ApiClient.Response onward = browser.send("GET", "/login/continue", null, Map.of("Accept", "text/html"));
		assertThat(onward.status()).isEqualTo(200);
		assertThat(onward.body()).contains("http-equiv=\"refresh\"").contains(authorize.replace("&", "&amp;"));
	}

	private static String csrf(String page) {
		var matcher = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
		assertThat(matcher.find()).as(page).isTrue();
		return matcher.group(1);
	}

	@Test
	void aRefreshTokenRotatesAndItsReuseRevokesTheFamily() {
		ApiClient admin = admin();
		Person person = member(admin, Map.of("crm", "viewer"));
		SsoFlow.Client crm = SsoFlow.register(admin, "crm", Map.of());
		String verifier = SsoFlow.verifier();
		SsoFlow.Tokens first = SsoFlow.exchange(system, crm, SsoFlow.code(person.client(), crm, "openid", verifier), verifier);

		SsoFlow.Tokens second = SsoFlow.refresh(system, crm, first.refresh());
		assertThat(second.status()).as(second.body()).isEqualTo(200);
		assertThat(second.refresh()).isNotEqualTo(first.refresh());
		assertThat(SsoFlow.userInfo(system, second.access()).status()).isEqualTo(200);

		SsoFlow.Tokens reused = SsoFlow.refresh(system, crm, first.refresh());
		assertThat(reused.status()).isEqualTo(400);
		assertThat(reused.json().get("error").asString()).isEqualTo("invalid_grant");
		assertThat(SsoFlow.refresh(system, crm, second.refresh()).status()).as("the family is revoked").isEqualTo(400);
		assertThat(SsoFlow.userInfo(system, second.access()).status()).isEqualTo(401);
		assertThat(recordedEvents.of(RefreshTokenReused.class)).extracting(RefreshTokenReused::account)
				.contains(person.id().toString());
	}

	@org.springframework.beans.factory.annotation.Autowired
	TokenStore tokenStore;

	@Test
	void aRefreshChainFindsTheRowItWroteWithoutParsingItAgainButAnyOtherChangeIsRead() {
		ApiClient admin = admin();
		Person person = member(admin, Map.of("crm", "viewer"));
		SsoFlow.Client crm = SsoFlow.register(admin, "crm", Map.of());
		String verifier = SsoFlow.verifier();
		SsoFlow.Tokens tokens = SsoFlow.exchange(system, crm, SsoFlow.code(person.client(), crm, "openid", verifier), verifier);
		tokens = SsoFlow.refresh(system, crm, tokens.refresh());
		long parsed = tokenStore.rowsParsed();
		for (int i = 0; i < 3; i++) {
			tokens = SsoFlow.refresh(system, crm, tokens.refresh());
			assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
			assertThat(SsoFlow.userInfo(system, tokens.access()).status()).isEqualTo(200);
		}
		assertThat(tokenStore.rowsParsed()).as("each refresh found the row the one before wrote").isEqualTo(parsed);

		// Another node revokes the refresh token: the row changed, so it is read, and the refresh refused.
		int revoked = jdbc.sql("UPDATE oauth2_authorization SET refresh_token_metadata = REPLACE(refresh_token_metadata, "
				+ "'\"metadata.token.invalidated\":false', '\"metadata.token.invalidated\":true') WHERE principal_name = ?")
				.param(person.id().toString()).update();
		assertThat(revoked).isEqualTo(1);
		assertThat(SsoFlow.refresh(system, crm, tokens.refresh()).status()).isEqualTo(400);
		assertThat(tokenStore.rowsParsed()).isGreaterThan(parsed);
	}

	@Test
	void refreshingCannotOutliveTheRefreshLifetimeFromTheSignIn() {
		ApiClient admin = admin();
		Person person = member(admin, Map.of("crm", "viewer"));
		SsoFlow.Client crm = SsoFlow.register(admin, "crm", Map.of());
		String verifier = SsoFlow.verifier();
		Instant signedIn = clock.instant();
		SsoFlow.Tokens tokens = SsoFlow.exchange(system, crm, SsoFlow.code(person.client(), crm, "openid", verifier), verifier);

		clock.set(signedIn.plus(Duration.ofHours(11)));
		SsoFlow.Tokens later = SsoFlow.refresh(system, crm, tokens.refresh());
		assertThat(later.status()).as(later.body()).isEqualTo(200);
		// The library dates a token's expiry by the real clock, not the test's: read the stored end instead.
		Instant end = jdbc.sql("SELECT refresh_token_expires_at FROM oauth2_authorization WHERE principal_name = ?")
				.param(person.id().toString()).query(java.sql.Timestamp.class).single().toInstant();
		assertThat(end).as("the family ends 12 h after the sign-in, not 12 h after the last refresh")
				.isBetween(signedIn.plus(Duration.ofHours(12)).minusSeconds(2), signedIn.plus(Duration.ofHours(12)).plusSeconds(2));
	}

	@Test
	void aClientMayAskForRs256IdTokens() {
		ApiClient admin = admin();
		Person person = member(admin, Map.of("crm", "viewer"));
		SsoFlow.Client crm = SsoFlow.register(admin, "crm", Map.of("idTokenAlgorithm", "RS256"));
		String verifier = SsoFlow.verifier();
		SsoFlow.Tokens tokens = SsoFlow.exchange(system, crm, SsoFlow.code(person.client(), crm, "openid", verifier), verifier);
		assertThat(SsoFlow.header(tokens.json().get("id_token").asString()).get("alg").asString()).isEqualTo("RS256");
		assertThat(SsoFlow.header(tokens.access()).get("alg").asString()).isEqualTo("ES256");
		assertThat(admin.post("/api/v1/admin/systems/crm/clients", Map.of("redirectUris", List.of(SsoFlow.REDIRECT),
				"idTokenAlgorithm", "HS256")).status()).isEqualTo(400);
	}

	/** A system's token request sent forty times at once, half to a second node that has just started. */
	private List<SsoFlow.Tokens> fortyAtOnceOnTwoNodes(java.util.function.Function<ApiClient, SsoFlow.Tokens> request)
			throws Exception {
		try (SecondNode other = SecondNode.of(environment, Map.of())) {
			return AtOnce.run(40, i -> {
				ApiClient caller = new ApiClient(i % 2 == 0 ? port : other.port());
				return () -> request.apply(caller);
			});
		}
	}

	/**
	 * One refresh token presented forty times at once, half on a second node that has just started (and so knows no
	 * client yet): one new token at most, the rest refused, none a 503. Before, the library's lookup of the client
	 * inside the authorization's read took a second connection, and twenty at once on a fresh node waited for each
	 * other's connections until the pool gave up (503 for some).
	 */
	@Test
	void fortyRefreshesWithTheSameTokenAtOnceOnTwoNodesGiveOneNewTokenAtMost() throws Exception {
		ApiClient admin = admin();
		Person person = member(admin, Map.of("crm", "viewer"));
		SsoFlow.Client crm = SsoFlow.register(admin, "crm", Map.of());
		String verifier = SsoFlow.verifier();
		SsoFlow.Tokens first = SsoFlow.exchange(system, crm, SsoFlow.code(person.client(), crm, "openid", verifier), verifier);

		List<SsoFlow.Tokens> answers = fortyAtOnceOnTwoNodes(caller -> SsoFlow.refresh(caller, crm, first.refresh()));
		assertThat(answers.stream().filter(answer -> answer.status() == 200).count()).isLessThanOrEqualTo(1);
		assertThat(answers).allMatch(answer -> answer.status() == 200 || answer.status() == 400);
	}

	/**
	 * An authorization code redeemed forty times at once, half on a second node (a replayed callback, a stolen code
	 * raced against the system): one exchange gives tokens, the others are refused as a used code, and since the code
	 * was used more than once the tokens it gave stop working, as when it is presented again afterwards (RFC 6749
	 * 4.1.2). Before, eleven of forty got tokens, of which only the last written worked: a thief who won the race kept
	 * working tokens and nothing noticed.
	 */
	@Test
	void fortyExchangesOfOneCodeAtOnceOnTwoNodesGiveTokensOnceAndRevokeThem() throws Exception {
		ApiClient admin = admin();
		Person person = member(admin, Map.of("crm", "viewer"));
		SsoFlow.Client crm = SsoFlow.register(admin, "crm", Map.of());
		String verifier = SsoFlow.verifier();
		String code = SsoFlow.code(person.client(), crm, "openid", verifier);

		List<SsoFlow.Tokens> answers = fortyAtOnceOnTwoNodes(caller -> SsoFlow.exchange(caller, crm, code, verifier));
		List<SsoFlow.Tokens> issued = answers.stream().filter(answer -> answer.status() == 200).toList();
		assertThat(issued).as("tokens for one exchange").hasSize(1);
		assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isIn(200, 400));
		assertThat(answers.stream().filter(answer -> answer.status() == 400).map(SsoFlow.Tokens::json)
				.map(json -> json.get("error").asString())).containsOnly("invalid_grant");
		clock.advance(Duration.ofSeconds(2)); // past what a node keeps of a token it checked
		assertThat(SsoFlow.userInfo(system, issued.get(0).access()).status()).as("the used code's access token")
				.isEqualTo(401);
		assertThat(SsoFlow.refresh(system, crm, issued.get(0).refresh()).status()).as("and its refresh token")
				.isEqualTo(400);
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
				codeReusesAudited(crm)).as("each refused presentation audited, on either node").isEqualTo(39));
	}

	/**
	 * A code presented again after its exchange (a system that retries, a code copied from a redirect) is refused,
	 * the tokens it gave stop working, and the reuse is audited and reported to Secure Patrol; an ordinary sign-in
	 * reports nothing.
	 */
	@Test
	void aCodePresentedAgainIsRefusedRevokesItsTokensAndIsReported() {
		ApiClient admin = admin();
		Person person = member(admin, Map.of("crm", "viewer"));
		SsoFlow.Client crm = SsoFlow.register(admin, "crm", Map.of());
		String verifier = SsoFlow.verifier();
		String code = SsoFlow.code(person.client(), crm, "openid", verifier);
		SsoFlow.Tokens tokens = SsoFlow.exchange(system, crm, code, verifier);
		assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
		assertThat(SsoFlow.userInfo(system, tokens.access()).status()).isEqualTo(200);
		assertThat(recordedEvents.of(AuthorizationCodeReused.class)).extracting(AuthorizationCodeReused::account)
				.as("a sign-in is no reuse").doesNotContain(person.id().toString());

		SsoFlow.Tokens again = SsoFlow.exchange(system, crm, code, verifier);
		assertThat(again.status()).as(again.body()).isEqualTo(400);
		assertThat(again.json().get("error").asString()).isEqualTo("invalid_grant");
		clock.advance(Duration.ofSeconds(2)); // past what a node keeps of a token it checked
		assertThat(SsoFlow.userInfo(system, tokens.access()).status()).isEqualTo(401);
		assertThat(SsoFlow.refresh(system, crm, tokens.refresh()).status()).isEqualTo(400);
		assertThat(recordedEvents.of(AuthorizationCodeReused.class)).filteredOn(
				reused -> reused.account().equals(person.id().toString())).singleElement()
				.extracting(AuthorizationCodeReused::client).isEqualTo(crm.clientId());
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
				jdbc.sql("SELECT COUNT(*) FROM patrol_detections WHERE point = 'SSO_AUTHORIZATION_CODE_REUSED' AND "
						+ "detail = ?").param(crm.clientId()).query(Long.class).single()).isEqualTo(1));
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
				codeReusesAudited(crm)).isEqualTo(1));
	}

	private long codeReusesAudited(SsoFlow.Client client) {
		return jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE action = 'sso.authorization-code-reused' AND detail "
				+ "LIKE ?").param("%" + client.clientId() + "%").query(Long.class).single();
	}

	@Test
	void theDatabaseHoldsDigestsOfTokensNotTheTokens() {
		ApiClient admin = admin();
		Person person = member(admin, Map.of("crm", "viewer"));
		SsoFlow.Client crm = SsoFlow.register(admin, "crm", Map.of());
		String verifier = SsoFlow.verifier();
		SsoFlow.Tokens tokens = SsoFlow.exchange(system, crm, SsoFlow.code(person.client(), crm, "openid email", verifier),
				verifier);
		String everything = String.join("\n", jdbc.sql("SELECT * FROM oauth2_authorization WHERE principal_name = ?")
				.param(person.id().toString()).query((rs, row) -> {
					StringBuilder all = new StringBuilder();
					for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
						all.append(rs.getString(i)).append('|');
					}
					return all.toString();
				}).list());
		assertThat(everything).isNotEmpty().doesNotContain(tokens.access(), tokens.refresh(),
				tokens.json().get("id_token").asString(), person.email());
		assertThat(jdbc.sql("SELECT client_secret FROM oauth2_registered_client WHERE client_id = ?").param(crm.clientId())
				.query(String.class).single()).doesNotContain(crm.secret()).startsWith("sha256:");
	}

	@Test
	void whenTheContractEndsRefreshFailsFromThatInstant() {
		ApiClient admin = admin();
		String organization = organization(admin);
		contract(admin, organization, 10, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofHours(1)),
				Map.of("crm", "viewer"));
		Person person = member(admin, organization, "MEMBER");
		SsoFlow.Client crm = SsoFlow.register(admin, "crm", Map.of());
		String verifier = SsoFlow.verifier();
		SsoFlow.Tokens tokens = SsoFlow.exchange(system, crm, SsoFlow.code(person.client(), crm, "openid", verifier), verifier);

		clock.set(Instant.now().plus(Duration.ofHours(1)).plusSeconds(1));
		SsoFlow.Tokens refused = SsoFlow.refresh(system, crm, tokens.refresh());
		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		assertThat(refused.json().get("error").asString()).isEqualTo("invalid_grant");
	}

	@Test
	void tokensLeftByAClientDeletedOnAnotherNodeAreRefusedNotAnError() {
		ApiClient admin = admin();
		Person person = member(admin, Map.of("crm", "editor"));
		SsoFlow.Client crm = SsoFlow.register(admin, "crm", Map.of());
		SsoFlow.Client billing = SsoFlow.register(admin, "crm", Map.of());
		String verifier = SsoFlow.verifier();
		SsoFlow.Tokens tokens = SsoFlow.exchange(system, crm, SsoFlow.code(person.client(), crm, "openid", verifier),
				verifier);
		// Another node kept the client in memory for up to two seconds after its deletion and issued these tokens
		// after the deletion had removed the client's authorizations: its row is gone, an authorization is left.
		jdbc.sql("DELETE FROM oauth2_registered_client WHERE client_id = :id").param("id", crm.clientId()).update();
		clock.advance(CachedClients.TIME_TO_LIVE.plusSeconds(1));

		ApiClient.Response userInfo = SsoFlow.userInfo(system, tokens.access());
		assertThat(userInfo.status()).as(userInfo.body()).isEqualTo(401);
		ApiClient.Response introspected = system.send("POST", "/oauth2/introspect", "token=" + tokens.access(),
				Map.of("Content-Type", "application/x-www-form-urlencoded", "Authorization", billing.basic()));
		assertThat(introspected.status()).as(introspected.body()).isEqualTo(200);
		assertThat(introspected.json().get("active").asBoolean()).isFalse();
		ApiClient.Response revoked = system.send("POST", "/oauth2/revoke", "token=" + tokens.refresh(),
				Map.of("Content-Type", "application/x-www-form-urlencoded", "Authorization", billing.basic()));
		assertThat(revoked.status()).as(revoked.body()).isLessThan(500);
		assertThat(SsoFlow.refresh(system, crm, tokens.refresh()).status()).as("the client is gone").isEqualTo(401);
		assertThat(person.client().get("/api/v1/me/apps").status()).as("the person's apps").isEqualTo(200);
		assertThat(person.client().get("/api/v1/me/data").status()).as("the person's data").isEqualTo(200);
	}

	@Test
	void aRevokedRefreshTokenEndsTheSignInAndTheRevocationIsAudited() {
		ApiClient admin = admin();
		Person person = member(admin, Map.of("crm", "viewer"));
		SsoFlow.Client crm = SsoFlow.register(admin, "crm", Map.of());
		String verifier = SsoFlow.verifier();
		SsoFlow.Tokens tokens = SsoFlow.exchange(system, crm, SsoFlow.code(person.client(), crm, "openid", verifier), verifier);
		String basic = crm.basic();
		ApiClient.Response revoked = system.send("POST", "/oauth2/revoke", "token=" + tokens.refresh()
				+ "&token_type_hint=refresh_token", Map.of("Content-Type", "application/x-www-form-urlencoded",
						"Authorization", basic));
		assertThat(revoked.status()).isEqualTo(200);
		assertThat(SsoFlow.refresh(system, crm, tokens.refresh()).status()).isEqualTo(400);
		ApiClient.Response introspected = system.send("POST", "/oauth2/introspect", "token=" + tokens.access(),
				Map.of("Content-Type", "application/x-www-form-urlencoded", "Authorization", basic));
		assertThat(introspected.json().get("active").asBoolean()).isFalse();
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
				"SELECT COUNT(*) FROM audit_events WHERE action = 'sso.token-revoked' AND detail LIKE :client")
				.param("client", "%" + crm.clientId() + "%").query(Long.class).single() == 1);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE action IN ('sso.token-issued', "
				+ "'sso.authorization-granted') AND detail LIKE :client").param("client", "%" + crm.clientId() + "%")
				.query(Long.class).single()).isEqualTo(2);
	}

	/**
	 * RFC 7009 answers 200 to a token revoked before and to one the server never issued; neither revoked anything,
	 * so neither is recorded as a revocation (before, each such request was audited as {@code token-revoked}).
	 */
	@Test
	void aRevocationThatEndsNoTokenAnswers200AndIsNotRecordedAsOne() {
		SsoFlow.Client crm = SsoFlow.register(admin(), "crm", Map.of());
		SsoFlow.Tokens tokens = signedInTo(crm);
		for (String token : List.of(tokens.refresh(), tokens.refresh(), tokens.refresh(), "never-issued-" + tokens.access())) {
			ApiClient.Response revoked = system.send("POST", "/oauth2/revoke", "token=" + token,
					Map.of("Content-Type", "application/x-www-form-urlencoded", "Authorization", crm.basic()));
			assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
		}
		assertThat(SsoFlow.refresh(system, crm, tokens.refresh()).status()).isEqualTo(400);
		assertThat(recordedEvents.of(SystemSignIn.class))
				.filteredOn(event -> event.clientId().equals(crm.clientId()) && event.step().equals("token-revoked"))
				.as("revocations recorded").hasSize(1);
	}

	/** Forty revocations of one token at once: every one answers 200, one ended the token and is recorded. */
	@Test
	void fortyRevocationsOfOneTokenAtOnceAreRecordedOnce() throws Exception {
		SsoFlow.Client crm = SsoFlow.register(admin(), "crm", Map.of());
		SsoFlow.Tokens tokens = signedInTo(crm);
		List<Integer> statuses = AtOnce.run(40, i -> {
			ApiClient caller = new ApiClient(port);
			return () -> caller.send("POST", "/oauth2/revoke", "token=" + tokens.refresh(),
					Map.of("Content-Type", "application/x-www-form-urlencoded", "Authorization", crm.basic())).status();
		});
		assertThat(statuses).containsOnly(200);
		assertThat(SsoFlow.refresh(system, crm, tokens.refresh()).status()).isEqualTo(400);
		assertThat(recordedEvents.of(SystemSignIn.class))
				.filteredOn(event -> event.clientId().equals(crm.clientId()) && event.step().equals("token-revoked"))
				.as("revocations recorded").hasSize(1);
	}

	/** A system cannot end another system's sign-in: the revocation is refused and the token still works. */
	@Test
	void aTokenOfAnotherSystemIsNotRevoked() {
		ApiClient admin = admin();
		SsoFlow.Client crm = SsoFlow.register(admin, "crm", Map.of());
		SsoFlow.Client billing = SsoFlow.register(admin, "billing", Map.of());
		SsoFlow.Tokens tokens = signedInTo(crm);
		ApiClient.Response refused = system.send("POST", "/oauth2/revoke", "token=" + tokens.refresh(),
				Map.of("Content-Type", "application/x-www-form-urlencoded", "Authorization", billing.basic()));
		assertThat(refused.status()).as(refused.body()).isIn(400, 401);
		assertThat(refused.body()).contains("invalid_client");
		assertThat(SsoFlow.refresh(system, crm, tokens.refresh()).status()).as("crm's token still works").isEqualTo(200);
		assertThat(recordedEvents.of(SystemSignIn.class))
				.filteredOn(event -> event.step().equals("token-revoked")
						&& (event.clientId().equals(crm.clientId()) || event.clientId().equals(billing.clientId())))
				.isEmpty();
	}

	/** The tokens of a new member with access to crm, from the code flow with PKCE. */
	private SsoFlow.Tokens signedInTo(SsoFlow.Client crm) {
		Person person = member(admin(), Map.of("crm", "viewer"));
		String verifier = SsoFlow.verifier();
		return SsoFlow.exchange(system, crm, SsoFlow.code(person.client(), crm, "openid", verifier), verifier);
	}

	@Test
	void theNoticeAndTheRecordOfProcessingListWhatEachSystemReceives() {
		String notice = system.send("GET", "/privacy", null, Map.of("Accept", "text/html")).body();
		assertThat(notice).contains("The vendor's systems you sign in to through Pledge", "crm", "billing", "analytics",
				"an identifier for you that only this system uses", "your email address");
		JsonNode record = admin().get("/api/v1/admin/processing-record").json();
		assertThat(record.get("systems").toString()).contains("crm", "your name");
	}

	@Test
	void clientsAreCheckedAndTheirSecretShownOnce() {
		ApiClient admin = admin();
		ApiClient.Response wildcard = admin.post("/api/v1/admin/systems/crm/clients",
				Map.of("redirectUris", List.of("https://*.example.com/cb")));
		assertThat(wildcard.status()).isEqualTo(400);
		assertThat(wildcard.body()).contains("redirectUris");
		assertThat(admin.post("/api/v1/admin/systems/crm/clients", Map.of("redirectUris", List.of("http://example.com/cb")))
				.status()).as("plain http only on localhost").isEqualTo(400);
		assertThat(admin.post("/api/v1/admin/systems/nope/clients", Map.of("redirectUris", List.of(SsoFlow.REDIRECT)))
				.status()).isEqualTo(404);
		assertThat(admin.post("/api/v1/admin/systems/crm/clients", Map.of("redirectUris", List.of(SsoFlow.REDIRECT),
				"type", "implicit")).status()).isEqualTo(400);

		SsoFlow.Client crm = SsoFlow.register(admin, "crm", Map.of());
		JsonNode shown = admin.get("/api/v1/admin/systems/crm/clients/" + crm.clientId()).json();
		assertThat(shown.has("secret") && !shown.get("secret").isNull()).as("the secret is shown once").isFalse();
		assertThat(admin.get("/api/v1/admin/systems/crm/clients").body()).contains(crm.clientId());
		assertThat(admin.get("/api/v1/admin/systems/billing/clients").body()).doesNotContain(crm.clientId());
		assertThat(person().client().get("/api/v1/admin/systems/crm/clients").status()).isEqualTo(403);
	}

	@Test
	void aRotatedSecretKeepsTheOldOneWorkingForTheOverlapOnly() {
		ApiClient admin = admin();
		SsoFlow.Client crm = SsoFlow.register(admin, "crm", Map.of());
		ApiClient.Response rotated = admin.patch("/api/v1/admin/systems/crm/clients/" + crm.clientId(),
				Map.of("rotateSecret", true));
		assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
		SsoFlow.Client renewed = new SsoFlow.Client(crm.clientId(), rotated.json().get("secret").asString());

		assertThat(SsoFlow.token(system, renewed, "grant_type=client_credentials").status()).isEqualTo(200);
		assertThat(SsoFlow.token(system, crm, "grant_type=client_credentials").status()).isEqualTo(200);
		clock.set(Instant.now().plus(SsoClients.SECRET_OVERLAP).plusSeconds(60));
		assertThat(SsoFlow.token(system, crm, "grant_type=client_credentials").status()).isEqualTo(401);
		assertThat(SsoFlow.token(system, renewed, "grant_type=client_credentials").status()).isEqualTo(200);
	}

	@Test
	void fortyRotationsAtOnceOnTwoNodesMakeFourSecretsThatWorkAndKeepTheOneInUse() throws Exception {
		ApiClient admin = admin();
		SsoFlow.Client inUse = SsoFlow.register(admin, "crm", Map.of());
		String path = "/api/v1/admin/systems/crm/clients/" + inUse.clientId();
		List<ApiClient.Response> answers;
		try (SecondNode other = SecondNode.of(environment, Map.of())) {
			answers = AtOnce.run(40, i -> {
				ApiClient tab = admin.on(i % 2 == 0 ? port : other.port());
				return () -> tab.patch(path, Map.of("rotateSecret", true));
			});
		}
		List<String> shown = answers.stream().filter(answer -> answer.status() == 200)
				.map(answer -> answer.json().get("secret").asString()).toList();
		assertThat(answers).as("four rotations within the overlap, the rest refused")
				.allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isIn(200, 409));
		assertThat(shown).hasSize(ClientSecrets.MAX_PREVIOUS).doesNotHaveDuplicates();
		assertThat(answers.stream().filter(answer -> answer.status() == 409).findFirst().orElseThrow().body())
				.contains("endPreviousSecrets");
		clock.advance(CachedClients.TIME_TO_LIVE.plusSeconds(1)); // the other node's last change, seen here
		for (String secret : shown) {
			assertThat(SsoFlow.token(system, new SsoFlow.Client(inUse.clientId(), secret), "grant_type=client_credentials")
					.status()).as("every secret shown works").isEqualTo(200);
		}
		assertThat(SsoFlow.token(system, inUse, "grant_type=client_credentials").status())
				.as("the secret the system used before keeps working").isEqualTo(200);

		ApiClient.Response ended = admin.patch(path, Map.of("endPreviousSecrets", true));
		assertThat(ended.status()).as(ended.body()).isEqualTo(200);
		assertThat(ended.json().has("previousSecretValidUntil")).isFalse();
		assertThat(shown.stream().filter(secret -> SsoFlow.token(system, new SsoFlow.Client(inUse.clientId(), secret),
				"grant_type=client_credentials").status() == 200)).as("only the current secret").hasSize(1);
		assertThat(SsoFlow.token(system, inUse, "grant_type=client_credentials").status()).isEqualTo(401);

		ApiClient.Response leaked = admin.patch(path, Map.of("rotateSecret", true, "endPreviousSecrets", true));
		assertThat(leaked.status()).as(leaked.body()).isEqualTo(200);
		assertThat(shown.stream().filter(secret -> SsoFlow.token(system, new SsoFlow.Client(inUse.clientId(), secret),
				"grant_type=client_credentials").status() == 200)).as("a leaked secret stops at once").isEmpty();
		assertThat(SsoFlow.token(system, new SsoFlow.Client(inUse.clientId(), leaked.json().get("secret").asString()),
				"grant_type=client_credentials").status()).isEqualTo(200);

		assertThat(admin.delete(path).status()).isEqualTo(204);
		assertThat(admin.delete(path).status()).as("a repeated deletion").isEqualTo(404);
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql(
				"SELECT action FROM audit_events WHERE target_type = 'sso-client' AND target_id = :id ORDER BY action")
				.param("id", inUse.clientId()).query(String.class).list()).as("each change recorded once, none refused")
				.containsExactly("sso.client-deleted", "sso.client-previous-secrets-ended",
						"sso.client-previous-secrets-ended", "sso.client-registered", "sso.client-secret-rotated",
						"sso.client-secret-rotated", "sso.client-secret-rotated", "sso.client-secret-rotated",
						"sso.client-secret-rotated"));
	}

	@Test
	void twoChangesOfOneClientAtOnceOnTwoNodesKeepBoth() throws Exception {
		ApiClient admin = admin();
		SsoFlow.Client crm = SsoFlow.register(admin, "crm", Map.of());
		String path = "/api/v1/admin/systems/crm/clients/" + crm.clientId();
		try (SecondNode other = SecondNode.of(environment, Map.of())) {
			for (int round = 0; round < 8; round++) {
				String name = "CRM " + round;
				List<String> scopes = round % 2 == 0 ? List.of("email", "openid") : List.of("address", "openid");
				List<Integer> statuses = AtOnce.run(2, i -> {
					ApiClient tab = i == 0 ? admin : admin.on(other.port());
					Map<String, Object> change = i == 0 ? Map.of("name", name) : Map.of("scopes", scopes);
					return () -> tab.patch(path, change).status();
				});
				assertThat(statuses).containsOnly(200);
				JsonNode client = admin.get(path).json();
				assertThat(client.get("name").asString()).as("round %d", round).isEqualTo(name);
				assertThat(client.get("scopes").toString()).as("round %d", round)
						.isEqualTo("[\"" + scopes.get(0) + "\",\"openid\"]");
			}
		}
		assertThat(admin.patch(path, Map.of("name", "CRM 7")).status()).as("a change to what is stored").isEqualTo(200);
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql(
				"SELECT COUNT(*) FROM audit_events WHERE action = 'sso.client-updated' AND target_id = :id")
				.param("id", crm.clientId()).query(Long.class).single()).as("each of the 16 changes, not the 17th")
				.isEqualTo(16));
	}
}
