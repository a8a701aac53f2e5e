package eu.pledge.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.util.HtmlUtils;

import eu.pledge.accounts.PasskeyAdded;
import eu.pledge.accounts.PasskeyRefused;
import eu.pledge.accounts.PasskeyRemoved;
import eu.pledge.accounts.PasskeyUsed;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.AtOnce;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.People;
import eu.pledge.testing.RecordedEvents;
import eu.pledge.testing.SecondNode;
import eu.pledge.testing.SoftPasskey;

/**
 * Passkeys over HTTP with a passkey in software ({@link SoftPasskey}): added on the security page after the
 * password, signing in without email, as the second step after the password, removed, refused from another
 * origin, a cloned authenticator told apart, one answer sent forty times at once signing in once, "passkey only".
 */
@Import(RecordedEvents.class)
@TestPropertySource(properties = "pledge.passkeys.extra-origins=" + PasskeyTests.ORIGIN)
class PasskeyTests extends HttpTest {

	static final String ORIGIN = "https://pledge.localhost";
	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
	private static final Pattern OPTIONS = Pattern.compile("data-options=\"([^\"]+)\"");
	private static final Map<String, String> HTML = Map.of("Accept", "text/html");

	@Autowired
	RecordedEvents events;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Test
	void addedAfterThePasswordItSignsInWithoutEmailAndShowsOnTheSecurityPage() {
		ApiClient client = client();
		String email = signedInAccount(client);
		SoftPasskey passkey = SoftPasskey.create();
		ApiClient.Response added = add(client, passkey, "My laptop", ORIGIN);
		assertThat(added.status()).as(() -> error(added.body())).isEqualTo(302);
		assertThat(added.header("Location")).endsWith("/account/security");
		String page = client.send("GET", "/account/security", null, HTML).body();
		assertThat(page).contains("My laptop").contains("Passkey only is <strong>off</strong>");

		ApiClient stranger = client();
		ApiClient.Response signedIn = signInWithPasskey(stranger, passkey, ORIGIN);
		assertThat(signedIn.status()).isEqualTo(302);
		assertThat(stranger.send("GET", "/account", null, HTML).body()).contains(email);
		assertThat(events.of(PasskeyAdded.class)).isNotEmpty();
		assertThat(events.of(PasskeyUsed.class)).isNotEmpty();
		assertThat(events.of(LoginSucceeded.class)).anyMatch(login -> login.secondFactor());
		// last used is shown now
		assertThat(client.send("GET", "/account/security", null, HTML).body()).doesNotContain(">never<");
	}

	@Test
	void addingNeedsTheCurrentPassword() {
		ApiClient client = client();
		signedInAccount(client);
		ApiClient.Response refused = form(client, "/account/security", "/account/passkeys/new",
				"name=Phone&currentPassword=wrong+password+entirely");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("Your current password is not correct").doesNotContain("data-options");
		ApiClient.Response noName = form(client, "/account/security", "/account/passkeys/new",
				"name=&currentPassword=" + enc(People.PASSWORD));
		assertThat(noName.status()).isEqualTo(400);
		assertThat(noName.body()).contains("Give the passkey a name");
	}

	@Test
	void aPasskeyMadeForAnotherOriginIsRefusedWithAClearMessage() {
		ApiClient client = client();
		signedInAccount(client);
		ApiClient.Response refused = add(client, SoftPasskey.create(), "Phishing", "https://pledge.example.net");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(HtmlUtils.htmlUnescape(refused.body())).contains("Your browser answered for https://pledge.example.net")
				.contains("passkeys for Pledge work only on ").contains(ORIGIN);

		SoftPasskey passkey = SoftPasskey.create();
		assertThat(add(client, passkey, "Laptop", ORIGIN).status()).isEqualTo(302);
		ApiClient.Response phished = signInWithPasskey(client(), passkey, "https://pledge.example.net");
		assertThat(phished.status()).isEqualTo(401);
		assertThat(events.of(PasskeyRefused.class)).anyMatch(r -> r.reason() == PasskeyRefused.Reason.WRONG_ORIGIN);
	}

	@Test
	void aClonedAuthenticatorIsRefusedAndReported() {
		ApiClient client = client();
		signedInAccount(client);
		SoftPasskey passkey = SoftPasskey.create();
		add(client, passkey, "Key", ORIGIN);
		SoftPasskey clone = passkey.copy();
		assertThat(signInWithPasskey(client(), passkey, ORIGIN).status()).isEqualTo(302);
		ApiClient.Response cloned = signInWithPasskey(client(), clone, ORIGIN);
		assertThat(cloned.status()).isEqualTo(401);
		assertThat(events.of(PasskeyRefused.class)).anyMatch(r -> r.reason() == PasskeyRefused.Reason.CLONED);
		assertThat(events.of(LoginFailed.class)).anyMatch(f -> f.reason() == LoginFailed.Reason.CLONED_PASSKEY);
	}

	@Test
	void afterThePasswordThePasskeyIsTheSecondStep() {
		ApiClient client = client();
		String email = signedInAccount(client);
		SoftPasskey passkey = SoftPasskey.create();
		add(client, passkey, "Key", ORIGIN);
		assertThat(People.signIn(client(), email, People.PASSWORD).status()).isEqualTo(401);

		ApiClient browser = client();
		ApiClient.Response password = form(browser, "/login", "/login",
				"email=" + enc(email) + "&password=" + enc(People.PASSWORD));
		assertThat(password.header("Location")).endsWith("/login/second-factor");
		String step = browser.send("GET", "/login/second-factor", null, HTML).body();
		assertThat(step).contains("Use my passkey").doesNotContain("Code from your authenticator app");
		String options = fetchOptions(browser, "/login/second-factor", "/login/second-factor/passkey/options");
		assertThat(options).contains("allowCredentials");
		ApiClient.Response signedIn = form(browser, "/login/second-factor", "/login/second-factor/passkey",
				"credential=" + enc(passkey.assertion(options, ORIGIN)));
		assertThat(signedIn.status()).isEqualTo(302);
		assertThat(browser.send("GET", "/account", null, HTML).body()).contains(email);
	}

	@Test
	void anotherAccountsPasskeyDoesNotConfirmTheSecondStep() {
		ApiClient mine = client();
		String email = signedInAccount(mine);
		add(mine, SoftPasskey.create(), "Mine", ORIGIN);
		ApiClient theirs = client();
		signedInAccount(theirs);
		SoftPasskey other = SoftPasskey.create();
		add(theirs, other, "Theirs", ORIGIN);

		ApiClient browser = client();
		form(browser, "/login", "/login", "email=" + enc(email) + "&password=" + enc(People.PASSWORD));
		String options = fetchOptions(browser, "/login/second-factor", "/login/second-factor/passkey/options");
		ApiClient.Response refused = form(browser, "/login/second-factor", "/login/second-factor/passkey",
				"credential=" + enc(other.assertion(options, ORIGIN)));
		assertThat(refused.status()).isEqualTo(401);
		assertThat(events.of(PasskeyRefused.class)).anyMatch(r -> r.reason() == PasskeyRefused.Reason.OTHER_ACCOUNT);
	}

	@Test
	void aRemovedPasskeySignsInNoMore() {
		ApiClient client = client();
		signedInAccount(client);
		SoftPasskey passkey = SoftPasskey.create();
		add(client, passkey, "Old phone", ORIGIN);
		Matcher row = Pattern.compile("data-reference=\"([^\"]+)\"")
				.matcher(client.send("GET", "/account/security", null, HTML).body());
		assertThat(row.find()).isTrue();
		ApiClient.Response removed = form(client, "/account/security", "/account/passkeys/" + row.group(1) + "/remove", "");
		assertThat(removed.status()).isEqualTo(302);
		assertThat(client.send("GET", "/account/security", null, HTML).body()).doesNotContain("Old phone");
		assertThat(events.of(PasskeyRemoved.class)).isNotEmpty();
		assertThat(signInWithPasskey(client(), passkey, ORIGIN).status()).isEqualTo(401);
		assertThat(events.of(PasskeyRefused.class)).anyMatch(r -> r.reason() == PasskeyRefused.Reason.UNKNOWN);
	}

	@Test
	void oneAnswerSentFortyTimesAtOnceSignsInOnce() throws Exception {
		ApiClient client = client();
		signedInAccount(client);
		SoftPasskey passkey = SoftPasskey.create();
		add(client, passkey, "Key", ORIGIN);
		ApiClient attacker = client();
		String options = fetchOptions(attacker, "/login", "/login/passkey/options");
		String answer = passkey.assertion(options, ORIGIN);
		String csrf = csrf(attacker, "/login");
		List<Integer> statuses = AtOnce.times(40, () -> attacker.send("POST", "/login/passkey",
				"credential=" + enc(answer) + "&_csrf=" + enc(csrf),
				Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html")).status());
		assertThat(statuses).as("signed in").containsOnlyOnce(302);
	}

	@Test
	void passkeyOnlyStopsThePasswordUntilAResetByMail() {
		ApiClient client = client();
		String email = signedInAccount(client);
		SoftPasskey passkey = SoftPasskey.create();
		add(client, passkey, "Key", ORIGIN);
		assertThat(form(client, "/account/security", "/account/passkey-only", "on=true").status()).isEqualTo(302);
		ApiClient.Response password = form(client(), "/login", "/login",
				"email=" + enc(email) + "&password=" + enc(People.PASSWORD));
		assertThat(password.status()).isEqualTo(401);
		assertThat(HtmlUtils.htmlUnescape(password.body())).contains("signs in with a passkey only");
		assertThat(signInWithPasskey(client(), passkey, ORIGIN).status()).isEqualTo(302);

		// the only passkey of a passkey-only account stays
		Matcher row = Pattern.compile("data-reference=\"([^\"]+)\"")
				.matcher(client.send("GET", "/account/security", null, HTML).body());
		assertThat(row.find()).isTrue();
		ApiClient.Response last = form(client, "/account/security", "/account/passkeys/" + row.group(1) + "/remove", "");
		assertThat(last.status()).isEqualTo(400);
		assertThat(last.body()).contains("only way to sign in");

		// a reset by mail: the password signs in again, without the passkey until its owner keeps it
		ApiClient reset = client();
		reset.post("/api/v1/password-reset", Map.of("email", email));
		String link = mailbox.link(email, "Reset");
		String token = link.substring(link.indexOf("token=") + 6);
		assertThat(reset.post("/api/v1/password-reset/confirmation",
				Map.of("token", token, "password", "a new and private passphrase")).status()).isLessThan(300);
		ApiClient after = client();
		assertThat(People.signIn(after, email, "a new and private passphrase").status()).isEqualTo(200);
		assertThat(after.send("GET", "/account/security", null, HTML).body()).contains("Keep these passkeys");
	}

	@Test
	void registeredOnOneNodeItSignsInOnAnother() throws Exception {
		ApiClient client = client();
		String email = signedInAccount(client);
		SoftPasskey passkey = SoftPasskey.create();
		add(client, passkey, "Key", ORIGIN);
		try (SecondNode other = SecondNode.of(environment, Map.of("pledge.passkeys.extra-origins", ORIGIN))) {
			ApiClient there = client().on(other.port());
			assertThat(signInWithPasskey(there, passkey, ORIGIN).status()).isEqualTo(302);
			assertThat(there.send("GET", "/account", null, HTML).body()).contains(email);
			// and the counter it advanced there holds here: a copy behind it is refused on the first node
			SoftPasskey behind = passkey.copy();
			assertThat(signInWithPasskey(client(), passkey, ORIGIN).status()).isEqualTo(302);
			assertThat(signInWithPasskey(client().on(other.port()), behind, ORIGIN).status()).isEqualTo(401);
		}
	}

	@Test
	void onePasskeyStandsInForThePasswordWhenAddingAnother() {
		ApiClient client = client();
		signedInAccount(client);
		SoftPasskey first = SoftPasskey.create();
		add(client, first, "First", ORIGIN);
		String options = fetchOptions(client, "/account/security", "/account/passkeys/recheck/options");
		ApiClient.Response page = form(client, "/account/security", "/account/passkeys/new",
				"name=Second&currentPassword=&credential=" + enc(first.assertion(options, ORIGIN)));
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("data-options");
		// the same answer again: its challenge is spent
		ApiClient.Response again = form(client, "/account/security", "/account/passkeys/new",
				"name=Third&currentPassword=&credential=" + enc(first.assertion(options, ORIGIN)));
		assertThat(again.status()).isEqualTo(400);
		assertThat(again.body()).contains("did not confirm it is you");
	}

	@Test
	void challengesForSigningInWithoutEmailAreLimitedPerAddress() {
		ApiClient client = client();
		String csrf = csrf(client, "/login");
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 31; i++) {
			statuses.add(client.send("POST", "/login/passkey/options", "",
					Map.of("X-CSRF-TOKEN", csrf, "Accept", "application/json")).status());
		}
		assertThat(statuses.subList(0, 30)).containsOnly(200);
		assertThat(statuses.get(30)).isEqualTo(429);
		ApiClient elsewhere = client();
		assertThat(elsewhere.send("POST", "/login/passkey/options", "",
				Map.of("X-CSRF-TOKEN", csrf(elsewhere, "/login"), "Accept", "application/json")).status()).isEqualTo(200);
	}

	@Test
	void failedAnswersCountLikeFailedPasswordsButDoNotLockTheOwnerOut() {
		ApiClient owner = client();
		signedInAccount(owner);
		SoftPasskey passkey = SoftPasskey.create();
		add(owner, passkey, "Key", ORIGIN);
		ApiClient attacker = client();
		for (int i = 0; i < 5; i++) {
			assertThat(signInWithPasskey(attacker, passkey, "https://phish.example.net").status()).isEqualTo(401);
		}
		ApiClient.Response held = signInWithPasskey(attacker, passkey, ORIGIN);
		assertThat(held.status()).isEqualTo(429);
		assertThat(held.header("Retry-After")).isNotBlank();
		// the owner, from the address they signed in from before, is not held back by what the stranger did
		assertThat(signInWithPasskey(new ApiClient(port).from(owner.address()), passkey, ORIGIN).status()).isEqualTo(302);
		assertThat(events.of(LoginFailed.class)).filteredOn(f -> f.reason() == LoginFailed.Reason.WRONG_PASSKEY)
				.hasSizeGreaterThanOrEqualTo(5);
	}

	@Test
	void erasureDestroysThePasskeys() {
		ApiClient client = client();
		signedInAccount(client);
		SoftPasskey passkey = SoftPasskey.create();
		add(client, passkey, "Key", ORIGIN);
		List<PasskeyAdded> added = events.of(PasskeyAdded.class);
		String account = added.get(added.size() - 1).accountId().toString();
		assertThat(rows(account)).isEqualTo(1);
		assertThat(client.post("/api/v1/me/erasure", Map.of("password", People.PASSWORD)).status()).isEqualTo(204);
		assertThat(rows(account)).isZero();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM passkey_users WHERE account_id = :a")
				.param("a", java.util.UUID.fromString(account)).query(Long.class).single()).isZero();
		assertThat(signInWithPasskey(client(), passkey, ORIGIN).status()).isEqualTo(401);
	}

	private long rows(String account) {
		return jdbc.sql("SELECT COUNT(*) FROM passkeys WHERE account_id = :a")
				.param("a", java.util.UUID.fromString(account)).query(Long.class).single();
	}

	@Test
	void answersThatAreNoPasskeyAnswersGetAClearRefusalNeverA500() {
		ApiClient client = client();
		signedInAccount(client);
		add(client, SoftPasskey.create(), "Key", ORIGIN);
		List<String> bad = List.of("", "{}", "[]", "null", "42", "{\"rawId\":\"AA\"}", "{\"response\":{}}",
				"{\"id\":\"AA\",\"rawId\":\"AA\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"e30\"}}",
				"{\"id\":\"AA\",\"rawId\":\"!!\",\"type\":\"x\",\"response\":{\"clientDataJSON\":\"bm90IGpzb24\","
						+ "\"authenticatorData\":\"AA\",\"signature\":\"AA\",\"attestationObject\":\"AA\"}}",
				"x".repeat(40_000));
		for (String answer : bad) {
			ApiClient stranger = client();
			assertThat(form(stranger, "/login", "/login/passkey", "credential=" + enc(answer)).status()).as(answer)
					.isEqualTo(401);
			ApiClient.Response added = client.send("POST", "/account/passkeys", "name=Bad&credential=" + enc(answer)
					+ "&_csrf=" + enc(csrf(client, "/account/security")),
					Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"));
			assertThat(added.status()).as(answer).isEqualTo(400);
			assertThat(error(added.body())).as(answer).contains("passkey");
		}
	}

	@Test
	void theExportNamesThePasskeyButHoldsNoKey() {
		ApiClient client = client();
		signedInAccount(client);
		add(client, SoftPasskey.create(), "Work key", ORIGIN);
		String export = client.get("/api/v1/me/export").body();
		assertThat(export).contains("Work key").contains("passkey").doesNotContain("publicKey")
				.doesNotContain("attestation");
	}

	// ---- helpers ----

	static ApiClient.Response add(ApiClient client, SoftPasskey passkey, String name, String origin) {
		ApiClient.Response page = form(client, "/account/security", "/account/passkeys/new",
				"name=" + enc(name) + "&currentPassword=" + enc(People.PASSWORD));
		assertThat(page.status()).isEqualTo(200);
		Matcher options = OPTIONS.matcher(page.body());
		assertThat(options.find()).isTrue();
		String answer = passkey.attestation(HtmlUtils.htmlUnescape(options.group(1)), origin);
		return client.send("POST", "/account/passkeys", "name=" + enc(name) + "&credential=" + enc(answer) + "&_csrf="
				+ enc(csrf(page.body())), Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"));
	}

	static ApiClient.Response signInWithPasskey(ApiClient client, SoftPasskey passkey, String origin) {
		String options = fetchOptions(client, "/login", "/login/passkey/options");
		return form(client, "/login", "/login/passkey", "credential=" + enc(passkey.assertion(options, origin)));
	}

	static String fetchOptions(ApiClient client, String page, String path) {
		ApiClient.Response options = client.send("POST", path, "",
				Map.of("X-CSRF-TOKEN", csrf(client, page), "Accept", "application/json"));
		assertThat(options.status()).as(options.body()).isEqualTo(200);
		return options.body();
	}

	static ApiClient.Response form(ApiClient client, String page, String action, String fields) {
		return client.send("POST", action, fields + (fields.isEmpty() ? "" : "&") + "_csrf=" + enc(csrf(client, page)),
				Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"));
	}

	static String csrf(ApiClient client, String page) {
		return csrf(client.send("GET", page, null, HTML).body());
	}

	static String csrf(String html) {
		Matcher csrf = CSRF.matcher(html);
		assertThat(csrf.find()).as("a CSRF token on the page").isTrue();
		return csrf.group(1);
	}

	static String error(String html) {
		Matcher error = Pattern.compile("role=\"alert\"[^>]*>([^<]*)<").matcher(html);
		return error.find() ? HtmlUtils.htmlUnescape(error.group(1)) : html;
	}

	static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
