package eu.pledge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import eu.pledge.access.AccessFixture;
import eu.pledge.testing.ApiClient;

/**
 * The administrators' audit page finds an actor by the email or the name typed (the console's blind-index and
 * name-token search), offers a choice when a name fits several people, and names the actors in the table.
 */
class AuditActorSearchTests extends AccessFixture {

	private static final Map<String, String> HTML = Map.of("Accept", "text/html");

	private static String page(ApiClient client, String path) {
		return client.send("GET", path, null, HTML).body();
	}

	@Test
	void findsTheActorByEmailOrNameAndNamesActorsInTheTable() {
		ApiClient admin = admin();
		person(); // a second "Ada Lovelace" beside the administrator
		Person person = person();
		assertThat(person.client().patch("/api/v1/me", Map.of("name", "Grace Hopperfield")).status()).isLessThan(300);
		Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> page(admin,
				"/admin/audit?actor=" + person.id().value()).contains("account.profile-corrected"));

		String byEmail = page(admin, "/admin/audit?who=" + URLEncoder.encode(person.email(), StandardCharsets.UTF_8));
		assertThat(byEmail).contains("account.profile-corrected", "Grace Hopperfield (" + person.email() + ")")
				.doesNotContain(">" + person.id().value() + "<");
		String byName = page(admin, "/admin/audit?who=hopperfield");
		assertThat(byName).contains("account.profile-corrected", "Grace Hopperfield (" + person.email() + ")");

		// Everyone the fixture registers is called "Ada Lovelace": a choice, each a link to their events.
		String several = page(admin, "/admin/audit?who=ada+lovelace");
		assertThat(several).contains("Whose actions?", "href=\"/admin/audit?actor=");
		assertThat(page(admin, "/admin/audit?who=nobody-" + java.util.UUID.randomUUID().toString().substring(0, 8)
				+ "@example.org")).contains("No account has that email address or name.");
		ApiClient.Response bad = admin.send("GET", "/admin/audit?who=%21%21%21", null, HTML);
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.body()).contains("Enter an email address, or a name");
	}
}
