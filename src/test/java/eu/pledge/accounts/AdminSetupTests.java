package eu.pledge.accounts;

import static eu.pledge.testing.People.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;

/** The first platform administrator: from the one-time link printed at first start, or from variables. */
class AdminSetupTests {

	private static final String ADMIN_PASSWORD = "the administrators own passphrase";

	@Nested
	@ExtendWith(OutputCaptureExtension.class)
	@TestPropertySource(properties = "pledge.test.context=admin-setup-link")
	class FromTheSetUpLink extends HttpTest {

		@Test
		void theLinkPrintedAtFirstStartCreatesOneAdministratorAndThenDies(CapturedOutput output) {
			Matcher link = Pattern.compile("/setup\\?token=([A-Za-z0-9_-]+)").matcher(output.getOut());
			assertThat(link.find()).as("a set-up link on standard output").isTrue();
			String token = link.group(1);
			assertThat(output.getOut().lines().filter(line -> line.contains(token)))
					.as("printed on its own, never as a log line that log files would keep").allMatch(line -> !line.contains(" --- "));

			ApiClient browser = client();
			assertThat(browser.send("GET", "/setup?token=" + token, null, Map.of("Accept", "text/html")).body())
					.contains("Create administrator");
			String email = randomEmail();
			ApiClient.Response created = postForm(browser, token, email);
			assertThat(created.status()).isEqualTo(302);
			assertThat(created.header("Location")).endsWith("/login").doesNotContain("example.org");
			assertThat(browser.send("GET", "/login", null, Map.of("Accept", "text/html")).body())
					.as("the sign-in form has the new administrator's email").contains("value=\"" + email + "\"");

			ApiClient admin = client();
			assertThat(signIn(admin, email, ADMIN_PASSWORD).status()).isEqualTo(200);
			assertThat(admin.get("/api/v1/me").json().get("roles").toString()).contains("ADMIN");

			ApiClient.Response again = postForm(client(), token, randomEmail());
			assertThat(again.body()).contains("not valid");
			assertThat(client().send("GET", "/setup?token=" + token, null, Map.of("Accept", "text/html")).body())
					.contains("not valid").doesNotContain("Create administrator");
		}

		private ApiClient.Response postForm(ApiClient client, String token, String email) {
			ApiClient.Response page = client.send("GET", "/login", null, Map.of("Accept", "text/html"));
			Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
			String csrfToken = csrf.find() ? csrf.group(1) : "";
			String form = "token=" + token + "&name=Root&email=" + email.replace("@", "%40") + "&password="
					+ ADMIN_PASSWORD.replace(" ", "+") + "&_csrf=" + csrfToken;
			return client.send("POST", "/setup", form, Map.of("Content-Type", "application/x-www-form-urlencoded",
					"Accept", "text/html"));
		}
	}

	@Nested
	@TestPropertySource(properties = { "pledge.bootstrap.admin-email=root@pledge.example",
			"pledge.bootstrap.admin-password=" + ADMIN_PASSWORD })
	class FromTheBootstrapVariables extends HttpTest {

		@Test
		void theVariablesCreateAnAdministratorWhoSeesTheOutboxAndTheApiDocument() {
			ApiClient admin = client();
			assertThat(signIn(admin, "root@pledge.example", ADMIN_PASSWORD).status()).isEqualTo(200);
			assertThat(admin.send("GET", "/admin/outbox", null, Map.of("Accept", "text/html")).status()).isEqualTo(200);
			ApiClient.Response openApi = admin.get("/api/v1/openapi");
			assertThat(openApi.status()).isEqualTo(200);
			for (String path : List.of("/api/v1/accounts", "/api/v1/session", "/api/v1/me", "/api/v1/me/sessions",
					"/api/v1/me/preferences", "/api/v1/password-reset", "/api/v1/me/totp")) {
				assertThat(openApi.json().get("paths").has(path)).as(path).isTrue();
			}

			String person = randomEmail();
			ApiClient someone = client();
			eu.pledge.testing.People.registerAndVerify(someone, mailbox, person);
			signIn(someone, person, eu.pledge.testing.People.PASSWORD);
			assertThat(someone.send("GET", "/admin/outbox", null, Map.of("Accept", "text/html")).status()).isEqualTo(403);
			assertThat(someone.get("/api/v1/openapi").status()).isEqualTo(403);
			assertThat(client().get("/api/v1/openapi").status()).isEqualTo(401);
		}
	}
}
