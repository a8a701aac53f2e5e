package eu.pledge.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.Rejected;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.AtOnce;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.People;

/**
 * New recovery codes replace the old ones, after the password; forty renewals at once leave exactly one set of ten
 * (those the sign-in gate turns away are refused, never half-done).
 */
class RecoveryCodeRenewalTests extends HttpTest {

	@Autowired
	Credentials credentials;

	@Test
	void newCodesReplaceTheOldOnesAndNeedThePassword() {
		ApiClient client = client();
		signedInAccount(client);
		AccountId id = AccountId.of(client.get("/api/v1/me").json().get("id").asString());
		List<String> old = enrol(client);

		assertThatThrownBy(() -> credentials.regenerateRecoveryCodes(id, "not my password"))
			.isInstanceOf(Rejected.class).hasMessageContaining("not correct");
		List<String> fresh = credentials.regenerateRecoveryCodes(id, People.PASSWORD);

		assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(old);
		assertThat(credentials.checkSecondFactor(id, old.get(0))).as("an old code").isFalse();
		assertThat(credentials.checkSecondFactor(id, fresh.get(0))).as("a new code").isTrue();
		assertThat(credentials.remainingRecoveryCodes(id)).isEqualTo(9);
	}

	@Test
	void theRenewalFormPostedFortyTimesAtOnceShowsOneSetOfTenAndItWorks() throws Exception {
		ApiClient client = client();
		signedInAccount(client);
		AccountId id = AccountId.of(client.get("/api/v1/me").json().get("id").asString());
		enrol(client);
		String page = client.send("GET", "/account/recovery-codes", null, Map.of("Accept", "text/html")).body();
		String form = "currentPassword=" + URLEncoder.encode(People.PASSWORD, StandardCharsets.UTF_8)
				+ "&version=" + field(page, "version") + "&_csrf=" + URLEncoder.encode(field(page, "_csrf"), StandardCharsets.UTF_8);

		List<ApiClient.Response> answers = AtOnce.run(40, i -> () -> client.send("POST", "/account/recovery-codes", form,
				Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html")));

		// the password check's gate may turn some of a burst away ("Too many attempts"); the others are told that
		// the codes were just renewed: a refusal, never a page with codes that do not work
		List<ApiClient.Response> shown = answers.stream().filter(answer -> answer.status() == 200).toList();
		assertThat(shown).as("one page shows new codes").hasSize(1);
		assertThat(answers).filteredOn(answer -> answer.status() != 200).allSatisfy(answer -> {
			assertThat(answer.status()).isIn(409, 429);
			assertThat(answer.body()).containsAnyOf("were just renewed by another request", "Too many attempts");
		});
		Matcher code = Pattern.compile("id=\"recovery-codes\">\\s*<li>([^<]+)</li>").matcher(shown.get(0).body());
		assertThat(code.find()).as(shown.get(0).body()).isTrue();
		assertThat(credentials.remainingRecoveryCodes(id)).isEqualTo(10);
		assertThat(credentials.checkSecondFactor(id, code.group(1))).as("the codes shown work").isTrue();

		String again = client.send("GET", "/account/recovery-codes", null, Map.of("Accept", "text/html")).body();
		assertThat(field(again, "version")).as("a renewal after it is a new form").isNotEqualTo(field(page, "version"));
	}

	private static String field(String page, String name) {
		Matcher value = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(page);
		assertThat(value.find()).as(name + " in " + page).isTrue();
		return value.group(1);
	}

	private List<String> enrol(ApiClient client) {
		ApiClient.Response enrolment = client.post("/api/v1/me/totp", null);
		assertThat(enrolment.status()).as(enrolment.body()).isEqualTo(201);
		String secret = enrolment.json().get("secret").asString();
		ApiClient.Response confirmed = client.post("/api/v1/me/totp/confirmation",
				Map.of("code", TotpCodes.code(secret, clock.instant(), -1)));
		assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
		List<String> codes = new ArrayList<>();
		confirmed.json().get("recoveryCodes").forEach(code -> codes.add(code.asString()));
		assertThat(codes).hasSize(10);
		return codes;
	}
}
