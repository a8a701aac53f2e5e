package eu.pledge.privacy.breaches;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import eu.pledge.shared.AccountId;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.People;
import eu.pledge.testing.RecordedEvents;
import tools.jackson.databind.JsonNode;

/** Administrators, people and organisations for the breach tests, made as the application makes them. */
@Import(RecordedEvents.class)
abstract class BreachFixture extends HttpTest {

	static final Map<String, String> HTML = Map.of("Accept", "text/html");
	static final String SUBJECT = "A security incident that concerns your data";

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RecordedEvents events;

	/** A signed-in person: their client, email and account id. */
	record Person(ApiClient client, String email, AccountId id) {
	}

	ApiClient admin() {
		ApiClient client = client();
		String email = randomEmail();
		People.registerAndVerify(client, mailbox, email);
		People.signIn(client, email, People.PASSWORD);
		String id = client.get("/api/v1/me").json().get("id").asString();
		client.delete("/api/v1/session");
		client.forgetCookies();
		jdbc.sql("UPDATE accounts SET roles = 'ADMIN' WHERE id = :id").param("id", UUID.fromString(id)).update();
		People.signIn(client, email, People.PASSWORD);
		return client;
	}

	Person person() {
		ApiClient client = client();
		String email = signedInAccount(client);
		return new Person(client, email, AccountId.of(client.get("/api/v1/me").json().get("id").asString()));
	}

	String organization(ApiClient admin, Person... members) {
		ApiClient.Response created = admin.post("/api/v1/admin/organizations",
				Map.of("name", "Breached " + UUID.randomUUID().toString().substring(0, 8)));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String id = created.json().get("id").asString();
		for (Person member : members) {
			// Joining is the access module's business (invitations, seats); here only the membership matters.
			jdbc.sql("INSERT INTO access_memberships (organization_id, account_id, role, joined_at) "
					+ "VALUES (:organization, :account, 'MEMBER', :now)").param("organization", UUID.fromString(id))
					.param("account", member.id().value()).param("now", java.sql.Timestamp.from(clock.instant())).update();
		}
		return id;
	}

	JsonNode breach(ApiClient admin, Instant discovered, boolean highRisk) {
		Map<String, Object> body = new HashMap<>(Map.of("discoveredAt", discovered.toString(),
				"summary", "A backup copy of the accounts table was readable from the internet for six hours.",
				"dataCategories", "Email addresses and encrypted postal addresses",
				"subjectCategories", "Members of customer organisations", "approximateSubjects", 120,
				"consequences", "Phishing mails to the addresses concerned",
				"measures", "Access closed, backup deleted, keys rotated", "highRisk", highRisk));
		ApiClient.Response created = admin.post("/api/v1/admin/breaches", body);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json();
	}

	ApiClient.Response notify(ApiClient admin, String breach, Map<String, Object> audience) {
		return admin.post("/api/v1/admin/breaches/" + breach + "/notifications", audience);
	}

	static void assertField(ApiClient.Response response, int status, String field) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.json().get("errors").get(0).get("field").asString()).as(response.body()).isEqualTo(field);
	}

	static ApiClient.Response page(ApiClient client, String path) {
		return client.send("GET", path, null, HTML);
	}

	static ApiClient.Response post(ApiClient client, String path, Map<String, String> fields) {
		StringBuilder form = new StringBuilder();
		fields.forEach((key, value) -> form.append(form.isEmpty() ? "" : "&").append(key).append('=')
				.append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
		return client.send("POST", path, form.toString(),
				Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"));
	}

	static String csrf(String body) {
		Matcher matcher = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(body);
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}
}
