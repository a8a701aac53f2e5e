package eu.pledge.web;

import static eu.pledge.testing.People.PASSWORD;
import static eu.pledge.testing.People.registerAndVerify;
import static eu.pledge.testing.People.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;

/** Every API call, fed garbage, answers with a clear 4xx problem: never a 500, never a stack trace. */
class BadInputTests extends HttpTest {

	private static final List<String> BODIES = List.of("", "null", "[]", "\"text\"", "42", "{", "{}",
			"{\"email\": 123, \"password\": [], \"name\": {}, \"address\": \"x\", \"token\": 5, \"code\": null}",
			"{\"email\": \"" + "a".repeat(5000) + "@x.io\", \"password\": \"" + "p".repeat(5000) + "\", \"token\": \""
					+ "t".repeat(5000) + "\"}",
			"{\"homePage\": \"/x\", \"timeZone\": {\"columns\": \"many\"}, \"dashboard\": [1, 2]}",
			"{\"name\": \"\\u0000\\ud800\", \"address\": {\"street\": null}}");

	private static final List<String[]> CALLS = List.of(new String[] { "POST", "/api/v1/accounts" },
			new String[] { "POST", "/api/v1/accounts/verification" }, new String[] { "POST", "/api/v1/session" },
			new String[] { "PATCH", "/api/v1/me" }, new String[] { "POST", "/api/v1/me/email" },
			new String[] { "POST", "/api/v1/me/email/confirmation" }, new String[] { "POST", "/api/v1/me/password" },
			new String[] { "PUT", "/api/v1/me/preferences" }, new String[] { "POST", "/api/v1/password-reset" },
			new String[] { "POST", "/api/v1/password-reset/confirmation" },
			new String[] { "POST", "/api/v1/me/totp/confirmation" }, new String[] { "DELETE", "/api/v1/me/totp" },
			new String[] { "DELETE", "/api/v1/me/sessions/" + "x".repeat(300) });

	@Test
	void garbageNeverCausesAServerError() {
		ApiClient client = client();
		String email = signedInAccount(client);
		for (String[] call : CALLS) {
			for (String body : BODIES) {
				ApiClient.Response response = client.send(call[0], call[1], body.isEmpty() ? null : body,
						Map.of("Content-Type", "application/json"));
				assertThat(response.status()).as(call[0] + " " + call[1] + " with " + abbreviate(body)).isBetween(200, 499);
				assertThat(response.body()).as("no stack trace").doesNotContain("at eu.pledge").doesNotContain("Exception");
			}
		}
		assertThat(client.get("/api/v1/me").status()).as("still signed in and well").isEqualTo(200);
	}

	private static String abbreviate(String body) {
		return body.length() > 60 ? body.substring(0, 60) + "…" : body;
	}
}
