package eu.pledge.privacy.rights;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import eu.pledge.access.Access;
import eu.pledge.shared.Permission;
import eu.pledge.privacy.Restrictions;
import eu.pledge.testing.People;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.AtOnce;

/** Restriction of processing: what stops, what still works, who can end it, and the end date. */
class RestrictionTests extends RightsFixture {

	@Autowired
	Restrictions restrictions;

	@Autowired
	Access access;

	@Test
	void whileRestrictedNoMailAndNoSystemAccessButThePersonSignsInSeesExportsAndLiftsIt() {
		ApiClient admin = admin();
		String organization = organization(admin, "Restricted Org " + java.util.UUID.randomUUID().toString().substring(0, 6));
		Person person = person();
		join(admin, organization, person, "MEMBER");
		assertThat(person.client().get("/api/v1/me/access").json().get("systems").size()).isEqualTo(1);

		ApiClient.Response restricted = person.client().post("/api/v1/me/restriction", Map.of());

		assertThat(restricted.status()).as(restricted.body()).isEqualTo(200);
		assertThat(restricted.json().has("until")).isFalse();
		mailbox.await(person.email(), "Processing of your data is restricted");
		long mails = mailbox.count(person.email());
		assertThat(restrictions.isRestricted(person.id())).isTrue();
		assertThat(person.client().get("/api/v1/me/access").json().get("systems").size()).isZero();
		assertThat(access.check(person.id(), Permission.USE_SYSTEM, "crm:viewer").allowed()).isFalse();
		assertThat(person.client().patch("/api/v1/me", Map.of("name", "Erin Corrected", "address", Map.of("street",
				person.street(), "postalCode", person.postalCode(), "city", person.city(), "country", "BE"))).status())
				.isEqualTo(200);
		assertThat(person.client().get("/api/v1/me/export").status()).isEqualTo(200);
		String other = organization(admin, "Inviting Org " + java.util.UUID.randomUUID().toString().substring(0, 6));
		assertThat(admin.post("/api/v1/organizations/" + other + "/invitations",
				Map.of("email", person.email(), "role", "MEMBER")).status()).isEqualTo(202);
		ApiClient phone = client();
		assertThat(People.signIn(phone, person.email(), People.PASSWORD).status()).isEqualTo(200);
		assertThat(phone.get("/api/v1/me/data").json().get("restriction").get("since").asString()).isNotBlank();
		assertThat(phone.get("/account/data").body()).contains("Lift the restriction");
		assertThat(admin.get("/admin/organizations/" + organization).body()).contains("processing restricted");

		assertThat(phone.delete("/api/v1/me/restriction").status()).isEqualTo(204);

		mailbox.await(person.email(), "Processing of your data is no longer restricted");
		assertThat(mailbox.count(person.email())).as("no correction, export or invitation mail; only the lifting").isEqualTo(mails + 1);
		assertThat(restrictions.isRestricted(person.id())).isFalse();
		assertThat(person.client().get("/api/v1/me/access").json().get("systems").size()).isEqualTo(1);
		assertThat(admin.get("/admin/organizations/" + organization).body()).doesNotContain("processing restricted");
		assertThat(recorded.of(RestrictionSet.class)).anyMatch(event -> event.accountId().equals(person.id()));
		assertThat(recorded.of(RestrictionLifted.class)).anyMatch(event -> event.accountId().equals(person.id())
				&& event.reason() == RestrictionLifted.Reason.LIFTED);
	}

	@Test
	void fortyRestrictionsAtOnceRestrictAndMailOnceAndFortyLiftsAtOnceLiftAndMailOnce() throws Exception {
		Person person = person();
		long before = mailbox.count(person.email());

		assertThat(fortyAtOnce(person, "POST")).as("statuses").containsOnly(200);

		assertThat(restrictions.isRestricted(person.id())).isTrue();
		mailbox.await(person.email(), "Processing of your data is restricted");
		Thread.sleep(1500); // the mail queue would have sent a second one by now
		assertThat(mailbox.count(person.email())).as("one confirmation").isEqualTo(before + 1);

		assertThat(fortyAtOnce(person, "DELETE")).as("statuses").containsOnly(204);

		assertThat(restrictions.isRestricted(person.id())).isFalse();
		mailbox.await(person.email(), "Processing of your data is no longer restricted");
		Thread.sleep(1500);
		assertThat(mailbox.count(person.email())).as("one notice of the lifting").isEqualTo(before + 2);
		assertThat(recorded.of(RestrictionLifted.class)).filteredOn(event -> event.accountId().equals(person.id()))
				.hasSize(1);
	}

	/** The same request from forty tabs of the person's session at once; the statuses. */
	private List<Integer> fortyAtOnce(Person person, String method) throws Exception {
		return AtOnce.run(40, i -> {
			ApiClient tab = person.client().on(port);
			return () -> tab.send(method, "/api/v1/me/restriction", method.equals("POST") ? Map.of() : null, Map.of())
					.status();
		});
	}

	@Test
	void aRestrictionWithAnEndDateEndsByItself() {
		Person person = person();
		Instant until = clock.instant().plus(Duration.ofHours(1));

		ApiClient.Response restricted = person.client().post("/api/v1/me/restriction", Map.of("until", until.toString()));

		assertThat(restricted.status()).isEqualTo(200);
		assertThat(restrictions.isRestricted(person.id())).isTrue();
		clock.advance(Duration.ofHours(2));
		assertThat(restrictions.isRestricted(person.id())).isFalse();
		assertThat(person.client().get("/api/v1/me/data").json().has("restriction")).isFalse();
		assertThat(restrictions.endExpired()).isPositive();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM privacy_restrictions WHERE account_id = :id")
				.param("id", person.id().value()).query(Long.class).single()).isZero();
		assertThat(recorded.of(RestrictionLifted.class)).anyMatch(event -> event.accountId().equals(person.id())
				&& event.reason() == RestrictionLifted.Reason.EXPIRED);
		mailbox.await(person.email(), "Processing of your data is no longer restricted");
	}

	@Test
	void anEndInThePastOrUnreadableIsRefusedWithTheField() {
		Person person = person();

		ApiClient.Response past = person.client().post("/api/v1/me/restriction",
				Map.of("until", clock.instant().minusSeconds(60).toString()));
		ApiClient.Response garbage = person.client().post("/api/v1/me/restriction", Map.of("until", "next tuesday"));

		assertThat(past.status()).isEqualTo(400);
		assertThat(past.json().get("errors").get(0).get("field").asString()).isEqualTo("until");
		assertThat(garbage.status()).isEqualTo(400);
		assertThat(restrictions.isRestricted(person.id())).isFalse();
	}
}
