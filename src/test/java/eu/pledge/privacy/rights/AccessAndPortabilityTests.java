package eu.pledge.privacy.rights;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import eu.pledge.privacy.inventory.Category;
import eu.pledge.privacy.inventory.Inventory;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.AtOnce;
import eu.pledge.testing.SecondNode;
import tools.jackson.databind.JsonNode;

/** The rights of access (the data page and {@code /api/v1/me/data}) and of portability (the export). */
class AccessAndPortabilityTests extends RightsFixture {

	@Autowired
	Inventory inventory;

	@Test
	void dataShowsEveryCategoryWithItsPurposeAndEveryItemWithItsDeletion() {
		Person person = person();
		assertThat(person.client().put("/api/v1/me/preferences", Map.of("homePage", "/account/sessions", "timeZone", "Europe/Brussels")).status()).isBetween(200, 204);

		ApiClient.Response response = person.client().get("/api/v1/me/data");

		assertThat(response.status()).isEqualTo(200);
		JsonNode data = response.json();
		assertThat(data.get("schema").asString()).isEqualTo("pledge-personal-data/1");
		assertThat(data.get("accountId").asString()).isEqualTo(person.id().toString());
		List<String> names = new ArrayList<>();
		for (JsonNode category : data.get("categories")) {
			names.add(category.get("name").asString());
			assertThat(category.get("purposes").size()).as(category.get("name").asString()).isPositive();
			assertThat(category.get("retention").asString()).isNotBlank();
			assertThat(category.get("legalBasis").asString()).startsWith("Art. 6");
			for (JsonNode item : category.get("items")) {
				assertThat(item.get("deletion").asString()).as(item.get("kind").asString()).isNotBlank();
			}
		}
		assertThat(names).containsAll(inventory.categories().stream().map(Category::name).toList());

		JsonNode profile = item(data, "identity", "profile").get("data");
		assertThat(profile.get("name").asString()).isEqualTo(person.name());
		assertThat(profile.get("email").asString()).isEqualTo(person.email());
		assertThat(profile.get("address").get("street").asString()).isEqualTo(person.street());
		assertThat(item(data, "preferences", "preferences").get("data").get("homePage").asString())
				.isEqualTo("/account/sessions");
		JsonNode session = item(data, "sessions", "session");
		assertThat(session.get("deletedBy").asString()).isNotBlank();
		assertThat(session.get("data").get("device").asString()).isNotBlank();
		JsonNode known = item(data, "ip-addresses", "known-address");
		assertThat(known.get("data").get("address").asString()).isEqualTo(person.address());
		assertThat(known.get("deletedBy").asString()).isNotBlank();
		assertThat(item(data, "audit-events", "audit-event").get("data").get("actor").asString()).isIn("you", "system");
		assertThat(item(data, "credentials", "credentials").get("data").toString()).doesNotContain("argon2id$");
	}

	@Test
	void exportIsOneJsonAttachmentWithTheDocumentedFieldsAuditedAndConfirmedByMail() {
		Person person = person();

		ApiClient.Response export = person.client().get("/api/v1/me/export");

		assertThat(export.status()).isEqualTo(200);
		assertThat(export.header("Content-Disposition")).startsWith("attachment").contains("pledge-data-").contains(".json");
		assertThat(export.header("Content-Type")).startsWith("application/json");
		JsonNode document = export.json();
		for (String field : List.of("schema", "generatedAt", "accountId", "categories")) {
			assertThat(document.has(field)).as(field).isTrue();
		}
		JsonNode identity = category(document, "identity");
		for (String field : List.of("name", "title", "description", "purposes", "legalBasis", "readers", "retention", "items")) {
			assertThat(identity.has(field)).as(field).isTrue();
		}
		JsonNode profile = item(document, "identity", "profile");
		for (String field : List.of("kind", "deletion", "data")) {
			assertThat(profile.has(field)).as(field).isTrue();
		}
		mailbox.await(person.email(), "Your data was exported");
		assertThat(recorded.of(PersonalDataExported.class)).anyMatch(event -> event.accountId().equals(person.id()));
		JsonNode audit = person.client().get("/api/v1/me/audit?action=privacy.exported").json();
		assertThat(audit.toString()).contains("privacy.exported");
	}

	/**
	 * The export's confirmation tells a person that someone downloaded their data: forty downloads at once (a
	 * double click, a script), half of them the page and half on a second node, confirm once, and a download a
	 * minute later is told again. Before, every download mailed: forty mails for one burst.
	 */
	@Test
	void fortyExportsAtOnceOnTwoNodesAreConfirmedOnceAndAgainAMinuteLater() throws Exception {
		Person person = person();
		List<Integer> answers;
		try (SecondNode other = SecondNode.of(environment, Map.of())) {
			answers = AtOnce.run(40, i -> {
				ApiClient tab = person.client().on(i % 2 == 0 ? port : other.port());
				String path = i % 4 < 2 ? "/api/v1/me/export" : "/account/data/export";
				return () -> tab.get(path).status();
			});
		}
		assertThat(answers).as("every download is served").containsOnly(200);
		mailbox.await(person.email(), "Your data was exported");
		Thread.sleep(1_000); // a second confirmation would be queued by now
		assertThat(exportMails(person)).as("one confirmation for the burst").isEqualTo(1);
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(person.client()
				.get("/api/v1/me/audit?action=privacy.exported&size=100").json().get("items").size())
				.as("every download audited").isEqualTo(40));

		Instant later = Instant.now().isAfter(clock.instant()) ? Instant.now() : clock.instant();
		clock.set(later.plus(Duration.ofMinutes(1)).plusSeconds(1));
		assertThat(person.client().get("/api/v1/me/export").status()).isEqualTo(200);
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> exportMails(person) == 2);
	}

	private long exportMails(Person person) throws Exception {
		return mailbox.countsByRecipientAndSubject().getOrDefault(person.email() + " | Your data was exported", 0L);
	}

	@Test
	void dataPageShowsEveryCategoryLinksCorrectionAndOffersTheExport() {
		Person person = person();

		ApiClient.Response page = person.client().get("/account/data");

		assertThat(page.status()).isEqualTo(200);
		for (Category category : inventory.categories()) {
			assertThat(page.body()).contains(category.title().replace("'", "&#39;"));
		}
		assertThat(page.body()).contains(person.street()).contains("href=\"/account/email\"")
				.contains("href=\"/account\"").contains("href=\"/account/preferences\"")
				.contains("href=\"/api/v1/me/export\"").contains("href=\"/account/data/erasure\"");
	}

	static JsonNode category(JsonNode document, String name) {
		for (JsonNode category : document.get("categories")) {
			if (category.get("name").asString().equals(name)) {
				return category;
			}
		}
		throw new AssertionError("no category " + name);
	}

	static JsonNode item(JsonNode document, String category, String kind) {
		for (JsonNode item : category(document, category).get("items")) {
			if (item.get("kind").asString().equals(kind)) {
				return item;
			}
		}
		throw new AssertionError("no " + kind + " in " + category + ": " + category(document, category));
	}
}
