package eu.pledge.privacy.breaches;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import eu.pledge.privacy.Restrictions;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.AtOnce;
import eu.pledge.testing.People;
import tools.jackson.databind.JsonNode;

/** Telling the people a high-risk breach affects (Art. 34): chosen three ways, each mailed once, restricted too. */
class BreachNoticesTests extends BreachFixture {

	@Autowired
	Restrictions restrictions;

	@Autowired
	BreachRecords records;

	@Test
	void everyoneInAnOrganisationIsMailedOnceRestrictedPeopleIncluded() {
		ApiClient admin = admin();
		Person member = person();
		Person restricted = person();
		Person outsider = person();
		assertThat(restricted.client().post("/api/v1/me/restriction", Map.of()).status()).isEqualTo(200);
		assertThat(restrictions.isRestricted(restricted.id())).isTrue();
		String organization = organization(admin, member, restricted);
		String id = breach(admin, clock.instant(), true).get("id").asString();

		ApiClient.Response told = notify(admin, id, Map.of("organizationId", organization));
		assertThat(told.status()).as(told.body()).isEqualTo(200);
		assertThat(told.json().get("selected").asInt()).isEqualTo(2);
		assertThat(told.json().get("notified").asInt()).isEqualTo(2);
		String mail = mailbox.await(member.email(), SUBJECT);
		assertThat(mail).contains("six hours", "Email addresses and encrypted postal addresses", "Phishing mails",
				"keys rotated", "/account/security", "Art. 34");
		assertThat(mailbox.await(restricted.email(), SUBJECT)).as("a legal duty, not processing they can stop")
				.contains("six hours");
		assertThat(mailbox.count(outsider.email())).as("only the verification mail").isEqualTo(1);

		ApiClient.Response again = notify(admin, id, Map.of("organizationId", organization));
		assertThat(again.json().get("notified").asInt()).isZero();
		assertThat(again.json().get("alreadyNotified").asInt()).isEqualTo(2);
		List<String> accounts = new ArrayList<>();
		admin.get("/api/v1/admin/breaches/" + id + "/notifications").json()
				.forEach(node -> accounts.add(node.get("account").asString()));
		assertThat(accounts).containsExactlyInAnyOrder(member.id().toString(), restricted.id().toString());
		assertThat(admin.get("/api/v1/admin/breaches/" + id).json().get("peopleNotified").asInt()).isEqualTo(2);
		assertThat(events.of(PersonNotified.class)).filteredOn(event -> event.breachId().toString().equals(id)).hasSize(2);
		assertThat(events.of(PeopleNotified.class)).anySatisfy(event -> {
			assertThat(event.breachId().toString()).isEqualTo(id);
			assertThat(event.chosenBy()).isEqualTo("organization");
			assertThat(event.auditEntry().toString()).doesNotContain(member.email());
		});
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE action = 'privacy-breach.person-notified' "
				+ "AND target_id = :account").param("account", member.id().toString()).query(Long.class).single())
				.as("the person finds it among their own events").isEqualTo(1);
		assertThat(mailbox.count(member.email())).isEqualTo(2); // verification + one notice
	}

	@Test
	void aListOfAccountIdsIsMailedAndUnknownIdsAreCounted() {
		ApiClient admin = admin();
		Person chosen = person();
		String id = breach(admin, clock.instant(), true).get("id").asString();
		ApiClient.Response told = notify(admin, id, Map.of("accountIds",
				List.of(chosen.id().toString(), UUID.randomUUID().toString(), chosen.id().toString())));
		assertThat(told.status()).as(told.body()).isEqualTo(200);
		assertThat(told.json().get("selected").asInt()).isEqualTo(2);
		assertThat(told.json().get("notified").asInt()).isEqualTo(1);
		assertThat(told.json().get("withoutAddress").asInt()).isEqualTo(1);
		mailbox.await(chosen.email(), SUBJECT);
		assertThat(records.export(chosen.id())).singleElement().satisfies(item -> {
			assertThat(item.category()).isEqualTo("breach-records");
			assertThat(((BreachRecords.ToldOfBreach) item.data()).breach().toString()).isEqualTo(id);
		});
		records.erase(chosen.id());
		assertThat(records.export(chosen.id())).isEmpty();
		JsonNode kept = admin.get("/api/v1/admin/breaches/" + id + "/notifications").json();
		assertThat(kept.size()).as("that someone was told stays").isEqualTo(1);
		assertThat(kept.get(0).get("account")).isNull();
	}

	@Test
	void everyoneWhoseSignInSucceededInTheWindowIsMailed() {
		ApiClient admin = admin();
		Instant before = clock.instant().minus(Duration.ofHours(3));
		clock.set(before);
		Person earlier = person(); // signs in before the window
		clock.set(before.plus(Duration.ofHours(1)));
		Instant from = clock.instant().minusSeconds(1); // the clock stands still in tests
		Person first = person();
		Person second = person();
		People.signIn(client(), second.email(), People.PASSWORD);
		Instant to = clock.instant().plus(Duration.ofMinutes(30));
		clock.set(to.plus(Duration.ofHours(1)));
		String id = breach(admin, clock.instant(), true).get("id").asString();
		ApiClient.Response told = notify(admin, id, Map.of("signedInFrom", from.toString(), "signedInTo", to.toString()));
		assertThat(told.status()).as(told.body()).isEqualTo(200);
		mailbox.await(first.email(), SUBJECT);
		mailbox.await(second.email(), SUBJECT);
		List<String> accounts = new ArrayList<>();
		admin.get("/api/v1/admin/breaches/" + id + "/notifications").json()
				.forEach(node -> accounts.add(node.get("account").asString()));
		assertThat(accounts).contains(first.id().toString(), second.id().toString())
				.doesNotContain(earlier.id().toString());
		assertThat(mailbox.count(second.email())).as("two sign-ins, one notice").isEqualTo(2);
	}

	@Test
	void theSameNotifySentFortyTimesAtOnceMailsEachPersonOnce() throws Exception {
		ApiClient admin = admin();
		Person a = person();
		Person b = person();
		Person c = person();
		String organization = organization(admin, a, b, c);
		String id = breach(admin, clock.instant(), true).get("id").asString();
		int notified = 0;
		for (ApiClient.Response response : AtOnce.times(40, () -> notify(admin, id, Map.of("organizationId", organization)))) {
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			notified += response.json().get("notified").asInt();
		}
		assertThat(notified).isEqualTo(3);
		for (Person person : List.of(a, b, c)) {
			mailbox.await(person.email(), SUBJECT);
		}
		// Every notice is queued before its request answers: once the queue is empty, nothing more can arrive.
		Awaitility.await().atMost(Duration.ofSeconds(10))
				.until(() -> jdbc.sql("SELECT COUNT(*) FROM mail_queue").query(Long.class).single() == 0);
		for (Person person : List.of(a, b, c)) {
			assertThat(mailbox.count(person.email())).as("verification + one notice").isEqualTo(2);
		}
		assertThat(jdbc.sql("SELECT COUNT(*) FROM privacy_breach_notices WHERE breach_id = :id")
				.param("id", UUID.fromString(id)).query(Long.class).single()).isEqualTo(3);
	}

	@Test
	void choosingThePeopleIsRefusedClearly() {
		ApiClient admin = admin();
		String low = breach(admin, clock.instant(), false).get("id").asString();
		String high = breach(admin, clock.instant(), true).get("id").asString();
		String organization = organization(admin);
		assertField(notify(admin, low, Map.of("organizationId", organization)), 409, "highRisk");
		assertField(notify(admin, high, Map.of()), 400, "audience");
		assertField(notify(admin, high, Map.of("organizationId", organization, "accountIds", List.of(UUID.randomUUID().toString()))),
				400, "audience");
		assertField(notify(admin, high, Map.of("organizationId", "acme")), 400, "organizationId");
		assertField(notify(admin, high, Map.of("organizationId", UUID.randomUUID().toString())), 400, "organizationId");
		assertField(notify(admin, high, Map.of("accountIds", List.of("nope"))), 400, "accountIds");
		assertField(notify(admin, high, Map.of("signedInFrom", clock.instant().toString())), 400, "signedInTo");
		assertField(notify(admin, high, Map.of("signedInFrom", clock.instant().toString(),
				"signedInTo", clock.instant().minus(Duration.ofHours(1)).toString())), 400, "signedInTo");
		assertField(notify(admin, high, Map.of("signedInFrom", clock.instant().minus(Duration.ofHours(1)).toString(),
				"signedInTo", clock.instant().plus(Duration.ofHours(1)).toString())), 400, "signedInTo");
		assertField(notify(admin, high, Map.of("signedInFrom", "monday", "signedInTo", clock.instant().toString())), 400,
				"signedInFrom");
		assertThat(notify(admin, UUID.randomUUID().toString(), Map.of("organizationId", organization)).status()).isEqualTo(404);
		ApiClient.Response nobody = notify(admin, high, Map.of("organizationId", organization));
		assertThat(nobody.status()).isEqualTo(200);
		assertThat(nobody.json().get("selected").asInt()).isZero();
	}
}
