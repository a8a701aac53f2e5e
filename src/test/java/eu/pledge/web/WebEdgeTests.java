package eu.pledge.web;

import static eu.pledge.testing.People.PASSWORD;
import static eu.pledge.testing.People.registerAndVerify;
import static eu.pledge.testing.People.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;

/** What every response carries, and the API's refusal of cross-site writes. */
class WebEdgeTests extends HttpTest {

	@Test
	void everyResponseCarriesTheSecurityHeaders() {
		for (String path : new String[] { "/", "/login", "/api/v1/me", "/no-such-page" }) {
			ApiClient.Response response = client().get(path);
			assertThat(response.header("Content-Security-Policy")).as(path).contains("default-src 'self'")
					.contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
			assertThat(response.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
			assertThat(response.header("Referrer-Policy")).as(path).isEqualTo("same-origin");
			assertThat(response.header("Strict-Transport-Security")).as(path).contains("max-age=");
		}
	}

	/**
	 * A path Tomcat refuses before any filter of Pledge sees it (an encoded NUL) was answered with Tomcat's own HTML
	 * page, to API clients too: now a problem for the API and Pledge's small page for a browser, with the headers.
	 */
	@Test
	void whatTomcatRefusesByItselfIsAnsweredAsPledgeAnswers() {
		ApiClient.Response api = client().get("/api/v1/admin/accounts/%00/sessions");
		assertThat(api.status()).isEqualTo(400);
		assertThat(api.header("Content-Type")).startsWith("application/problem+json");
		assertThat(api.json().get("status").asInt()).isEqualTo(400);
		assertThat(api.json().get("detail").asString()).isEqualTo("This request could not be handled.");
		assertThat(api.header("X-Content-Type-Options")).isEqualTo("nosniff");

		ApiClient.Response page = client().send("GET", "/a%00b", null, Map.of("Accept", "text/html"));
		assertThat(page.status()).isEqualTo(400);
		assertThat(page.header("Content-Type")).startsWith("text/html");
		assertThat(page.body()).contains("This request could not be handled.", "Back to the start page")
				.doesNotContain("Tomcat", "Apache", "Tahoma");
		assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'");
	}

	@Test
	void pagesLoadNothingFromAnotherOrigin() {
		for (String path : new String[] { "/", "/login", "/register", "/password-reset" }) {
			String body = client().get(path).body();
			assertThat(body).as(path).doesNotContainPattern("(src|href)=\"(https?:)?//");
		}
	}

	@Test
	void aBrowserOnAnotherSiteCannotChangeAnythingThroughTheApi() {
		ApiClient client = client();
		String email = signedInAccount(client);
		Map<String, Object> change = Map.of("name", "Changed by evil.example");

		ApiClient.Response fromOtherSite = client.send("PATCH", "/api/v1/me", change,
				Map.of("Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"));
		assertThat(fromOtherSite.status()).isEqualTo(403);
		ApiClient.Response originOnly = client.send("PATCH", "/api/v1/me", change, Map.of("Origin", "https://evil.example"));
		assertThat(originOnly.status()).isEqualTo(403);
		ApiClient.Response sameSite = client.send("PATCH", "/api/v1/me", change, Map.of("Sec-Fetch-Site", "same-site"));
		assertThat(sameSite.status()).isEqualTo(403);
		assertThat(client.get("/api/v1/me").json().get("name").asString()).isEqualTo("Ada Lovelace");

		ApiClient.Response ownPage = client.send("PATCH", "/api/v1/me", Map.of("name", "Ada King"),
				Map.of("Origin", "http://localhost:" + port, "Sec-Fetch-Site", "same-origin"));
		assertThat(ownPage.status()).isEqualTo(200);
		ApiClient.Response noBrowser = client.patch("/api/v1/me", Map.of("name", "Ada Byron"));
		assertThat(noBrowser.status()).isEqualTo(200);
	}

	@Test
	void formsWithoutTheCsrfTokenAreRefused() {
		ApiClient.Response response = client().send("POST", "/login", "email=a%40b.c&password=x",
				Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"));
		assertThat(response.status()).isEqualTo(403);
	}

	@Test
	void unknownRoutesAndSignedOutAccessGetClearAnswers() {
		ApiClient.Response api = client().get("/api/v1/me/sessions");
		assertThat(api.status()).isEqualTo(401);
		assertThat(api.header("Content-Type")).contains("application/problem+json");
		ApiClient.Response page = client().send("GET", "/account", null, Map.of("Accept", "text/html"));
		assertThat(page.status()).isEqualTo(302);
		assertThat(page.header("Location")).endsWith("/login?continue=%2Faccount");
	}
}
