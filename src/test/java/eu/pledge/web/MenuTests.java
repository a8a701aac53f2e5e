package eu.pledge.web;

import static eu.pledge.testing.People.PASSWORD;
import static eu.pledge.testing.People.registerAndVerify;
import static eu.pledge.testing.People.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;

/**
 * The menu's "Administration" group is there for a platform administrator only, on every page; the page shown is
 * marked in it.
 */
class MenuTests extends HttpTest {

	@Autowired
	JdbcClient jdbc;

	private static String page(ApiClient client, String path) {
		ApiClient.Response page = client.send("GET", path, null, Map.of("Accept", "text/html"));
		assertThat(page.status()).isEqualTo(200);
		return page.body();
	}

	@Test
	void onlyAnAdministratorSeesTheAdministrationGroup() {
		ApiClient person = client();
		signedInAccount(person);
		assertThat(page(person, "/")).contains("Signed in as").doesNotContain("id=\"nav-admin\"");
		assertThat(page(person, "/account")).doesNotContain("id=\"nav-admin\"");
		assertThat(page(client(), "/login")).doesNotContain("id=\"nav-admin\"");

		ApiClient administrator = client();
		String email = randomEmail();
		registerAndVerify(administrator, mailbox, email);
		assertThat(signIn(administrator, email, PASSWORD).status()).isEqualTo(200);
		String id = administrator.get("/api/v1/me").json().get("id").asString();
		jdbc.sql("UPDATE accounts SET roles = 'ADMIN' WHERE id = :id").param("id", UUID.fromString(id)).update();
		ApiClient signedInAgain = client(); // the roles are read at sign-in
		assertThat(signIn(signedInAgain, email, PASSWORD).status()).isEqualTo(200);
		assertThat(page(signedInAgain, "/")).contains("id=\"nav-admin\"", ">Administration<");
		assertThat(page(signedInAgain, "/account")).contains("id=\"nav-admin\"");
	}

	@Test
	void theMenuMarksThePageShownAndOnlyIt() {
		ApiClient person = client();
		signedInAccount(person);
		assertThat(current(page(person, "/"))).containsExactly("/");
		assertThat(current(page(person, "/account/sessions"))).containsExactly("/account/sessions");
		assertThat(current(page(person, "/account/audit"))).containsExactly("/account/audit");
		String home = page(person, "/");
		assertThat(home.indexOf("href=\"/account\"")).isLessThan(home.indexOf("href=\"/account/security\""));
		assertThat(home).contains(">Password &amp; second factor</a>", ">Privacy notice</a>", ">Sign out</button>");
		assertThat(current(page(client(), "/login"))).containsExactly("/login");
	}

	/** The links marked {@code aria-current="page"} in a page. */
	private static List<String> current(String page) {
		Matcher links = Pattern.compile("<a href=\"([^\"]*)\"[^>]*aria-current=\"page\"").matcher(page);
		List<String> found = new ArrayList<>();
		while (links.find()) {
			found.add(links.group(1));
		}
		return found;
	}
}
