package eu.pledge.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import eu.pledge.shared.Permission;
import eu.pledge.testing.People;
import eu.pledge.testing.ApiClient;

/** Invitations, seats and the role rules of an organisation, and who may see what. */
class MembershipTests extends AccessFixture {

	private String organizationWithSeats(ApiClient admin, int seats) {
		String organization = organization(admin);
		Instant now = clock.instant();
		contract(admin, organization, seats, now.minusSeconds(60), now.plus(Duration.ofDays(30)), Map.of("crm", "viewer"));
		return organization;
	}

	@Test
	void theAdminApiIsForPlatformAdministratorsOnly() {
		Person person = person();
		assertThat(person.client().get("/api/v1/admin/organizations").status()).isEqualTo(403);
		assertThat(person.client().post("/api/v1/admin/organizations", Map.of("name", "Mine")).status()).isEqualTo(403);
		assertThat(person.client().get("/api/v1/admin/systems").status()).isEqualTo(403);
		assertThat(client().get("/api/v1/admin/organizations").status()).isEqualTo(401);
		assertThat(access.check(person.id(), Permission.PLATFORM_ADMIN, null).rule()).isEqualTo("not-a-platform-admin");

		ApiClient admin = admin();
		assertThat(admin.get("/api/v1/admin/systems").json().get(0).get("system").asString()).isEqualTo("crm");
		String organization = organization(admin);
		assertThat(admin.get("/api/v1/admin/organizations").body()).contains(organization);
		assertThat(admin.get("/api/v1/admin/organizations/" + organization).json().get("organization").get("id").asString())
				.isEqualTo(organization);
		assertThat(admin.patch("/api/v1/admin/organizations/" + organization, Map.of("name", "")).status()).isEqualTo(400);
		assertThat(admin.patch("/api/v1/admin/organizations/" + organization, Map.of("status", "bogus")).json()
				.get("errors").get(0).get("field").asString()).isEqualTo("status");
		assertThat(recordedEvents.all()).anySatisfy(event -> assertThat(event).isInstanceOf(OrganizationCreated.class));
	}

	@Test
	void invitationsBeyondTheSeatsAreRefused() {
		ApiClient admin = admin();
		String organization = organizationWithSeats(admin, 3);
		Person owner = member(admin, organization, "owner");
		member(owner.client(), organization, "member");
		invite(owner.client(), organization, randomEmail(), "member", 202); // the third seat, pending
		ApiClient.Response refused = invite(owner.client(), organization, randomEmail(), "member", 409);
		assertThat(refused.json().get("detail").asString()).contains("All 3 seats", "2 members", "1 pending");

		String empty = organization(admin);
		assertThat(invite(admin, empty, randomEmail(), "owner", 409).json().get("detail").asString())
				.contains("no active contract");
	}

	/** The seat limit holds for forty invitations to different addresses at once, half of them sent to a second node. */
	@Test
	void fortyInvitationsAtOnceOnTwoNodesTakeNoMoreThanTheSeats() throws Exception {
		ApiClient admin = admin();
		String organization = organizationWithSeats(admin, 5);
		Person owner = member(admin, organization, "owner"); // the first seat
		java.util.List<Integer> statuses;
		try (eu.pledge.testing.SecondNode other = eu.pledge.testing.SecondNode.of(environment, Map.of())) {
			statuses = eu.pledge.testing.AtOnce.run(40, i -> {
				ApiClient tab = owner.client().on(i % 2 == 0 ? port : other.port());
				String email = randomEmail();
				return () -> tab.post("/api/v1/organizations/" + organization + "/invitations",
						Map.of("email", email, "role", "member")).status();
			});
		}
		assertThat(statuses).as("four invited, the rest refused").containsOnly(202, 409);
		assertThat(statuses.stream().filter(status -> status == 202)).hasSize(4);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM access_invitations WHERE organization_id = :id")
				.param("id", UUID.fromString(organization)).query(Long.class).single()).isEqualTo(4);
	}

	@Test
	void oneAddressIsInvitedAtMostOnceAMinuteAlsoFortyTimesAtOnceOrByRevokingAndInvitingAgain() throws Exception {
		ApiClient admin = admin();
		String organization = organizationWithSeats(admin, 60);
		Person owner = member(admin, organization, "owner");
		String invitations = "/api/v1/organizations/" + organization + "/invitations";
		String target = randomEmail();
		java.util.List<Integer> statuses;
		try (eu.pledge.testing.SecondNode other = eu.pledge.testing.SecondNode.of(environment, Map.of())) {
			statuses = eu.pledge.testing.AtOnce.run(40, i -> {
				ApiClient tab = owner.client().on(i % 2 == 0 ? port : other.port());
				return () -> tab.post(invitations, Map.of("email", target, "role", "member")).status();
			});
		}
		assertThat(statuses).containsOnly(202, 429);
		assertThat(statuses.stream().filter(status -> status == 202)).as("one invitation").hasSize(1);
		mailbox.await(target, "You are invited to join");
		Thread.sleep(1_000); // a second mail would be queued by now
		assertThat(mailbox.count(target)).isEqualTo(1);

		String id = owner.client().get(invitations).json().get(0).get("id").asString();
		assertThat(owner.client().delete(invitations + "/" + id).status()).isEqualTo(204);
		ApiClient.Response again = owner.client().post(invitations, Map.of("email", target, "role", "member"));
		assertThat(again.status()).as("revoked and invited again within the minute").isEqualTo(429);
		assertThat(again.json().get("detail").asString()).contains("less than a minute ago");
		assertThat(owner.client().post(invitations, Map.of("email", randomEmail(), "role", "member")).status())
				.as("another address").isEqualTo(202);

		Instant later = Instant.now().isAfter(clock.instant()) ? Instant.now() : clock.instant();
		clock.set(later.plus(Duration.ofMinutes(1)).plusSeconds(1)); // past both nodes' clocks
		assertThat(owner.client().post(invitations, Map.of("email", target, "role", "member")).status()).isEqualTo(202);
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.count(target) == 2);
	}

	@Test
	void anInvitationIsAcceptedOnlyByItsAddresseeOnceAndBeforeItExpires() {
		ApiClient admin = admin();
		String organization = organizationWithSeats(admin, 10);
		Person invitee = person();
		Person other = person();
		invite(admin, organization, invitee.email(), "admin", 202);
		String token = mailbox.token(invitee.email(), "You are invited to join");

		ApiClient.Response wrongAccount = other.client().post("/api/v1/invitations/acceptance", Map.of("token", token));
		assertThat(wrongAccount.status()).isEqualTo(403);
		assertThat(recorder.denials(other.id())).anySatisfy(d -> assertThat(d.rule()).isEqualTo("invitation-for-another-account"));
		assertThat(client().post("/api/v1/invitations/acceptance", Map.of("token", token)).status()).isEqualTo(401);
		assertThat(invitee.client().post("/api/v1/invitations/acceptance", Map.of("token", "forged")).status()).isEqualTo(400);

		ApiClient.Response accepted = invitee.client().post("/api/v1/invitations/acceptance", Map.of("token", token));
		assertThat(accepted.status()).isEqualTo(200);
		assertThat(accepted.json().get("role").asString()).isEqualTo("ADMIN");
		assertThat(invitee.client().post("/api/v1/invitations/acceptance", Map.of("token", token)).status()).isEqualTo(400);

		Person late = person();
		invite(admin, organization, late.email(), "member", 202);
		String lateToken = mailbox.token(late.email(), "You are invited to join");
		clock.advance(Duration.ofDays(7).plusSeconds(1));
		ApiClient fresh = client();
		People.signIn(fresh, late.email(), People.PASSWORD);
		ApiClient.Response expired = fresh.post("/api/v1/invitations/acceptance", Map.of("token", lateToken));
		assertThat(expired.status()).isEqualTo(400);
		assertThat(expired.json().get("errors").get(0).get("field").asString()).isEqualTo("token");
	}

	@org.springframework.beans.factory.annotation.Autowired
	ExpiredInvitations expiredInvitations;

	@Test
	void anExpiredInvitationIsDeletedAndNoLongerHoldsASeat() {
		ApiClient admin = admin();
		String organization = organizationWithSeats(admin, 1);
		invite(admin, organization, randomEmail(), "member", 202);
		invite(admin, organization, randomEmail(), "member", 409);
		String countSql = "SELECT COUNT(*) FROM access_invitations WHERE organization_id = :id";
		assertThat(jdbc.sql(countSql).param("id", UUID.fromString(organization)).query(Long.class).single()).isEqualTo(1);

		clock.advance(Duration.ofDays(7).plusSeconds(1));
		expiredInvitations.purge();

		assertThat(jdbc.sql(countSql).param("id", UUID.fromString(organization)).query(Long.class).single()).isZero();
		invite(admin(), organization, randomEmail(), "member", 202); // a week later: a new session, the seat is free
	}

	@org.springframework.beans.factory.annotation.Autowired
	InvitationsCheck invitationsCheck;

	@Test
	void anInvitationKeptPastItsExpiryFailsTheComplianceCheckByOrganisationUntilTheSweep() {
		expiredInvitations.sweep(clock.instant().plus(Duration.ofDays(8))); // what other tests left
		ApiClient admin = admin();
		String organization = organizationWithSeats(admin, 1);
		String email = randomEmail();
		invite(admin, organization, email, "member", 202);
		clock.advance(Duration.ofDays(7).plusMinutes(4)); // expired, but within one sweep interval
		assertThat(invitationsCheck.check(clock.instant()).passed()).isTrue();

		clock.advance(Duration.ofMinutes(2));
		var failed = invitationsCheck.check(clock.instant());
		assertThat(failed.passed()).isFalse();
		assertThat(failed.evidence()).contains("invitations kept past their link's expiry",
				"invitation to organisation " + organization).doesNotContain(email);

		expiredInvitations.purge();
		assertThat(invitationsCheck.check(clock.instant()).passed()).isTrue();
	}

	@Test
	void membersCannotInviteAdminsCannotTouchOwnersAndTheLastOwnerStays() {
		ApiClient admin = admin();
		String organization = organizationWithSeats(admin, 10);
		Person owner = member(admin, organization, "owner");
		Person orgAdmin = member(owner.client(), organization, "admin");
		Person member = member(orgAdmin.client(), organization, "member");

		invite(member.client(), organization, randomEmail(), "member", 403);
		assertThat(recorder.denials(member.id())).anySatisfy(d -> {
			assertThat(d.permission()).isEqualTo(Permission.MANAGE_MEMBERS);
			assertThat(d.rule()).isEqualTo("organization-member-cannot-manage");
			assertThat(d.target()).isEqualTo(organization);
		});
		invite(orgAdmin.client(), organization, randomEmail(), "owner", 403);
		assertThat(orgAdmin.client().delete("/api/v1/organizations/" + organization + "/members/" + owner.id()).status())
				.isEqualTo(403);
		assertThat(recorder.denials(orgAdmin.id())).anySatisfy(d -> assertThat(d.rule()).isEqualTo("admin-cannot-remove-owner"));

		ApiClient.Response lastOwner = admin.delete("/api/v1/organizations/" + organization + "/members/" + owner.id());
		assertThat(lastOwner.status()).isEqualTo(409);
		assertThat(lastOwner.json().get("detail").asString()).contains("last owner");

		assertThat(access.check(member.id(), Permission.USE_SYSTEM, "crm:viewer").allowed()).isTrue();
		assertThat(orgAdmin.client().delete("/api/v1/organizations/" + organization + "/members/" + member.id()).status())
				.isEqualTo(204);
		assertThat(access.check(member.id(), Permission.USE_SYSTEM, "crm:viewer").allowed()).isFalse();
		assertThat(member.client().get("/api/v1/organizations/" + organization + "/members").status()).isEqualTo(404);
		assertThat(recordedEvents.all()).anySatisfy(event -> assertThat(event).isInstanceOf(MemberRemoved.class));
	}

	@Test
	void anotherOrganisationsMembersAreNotFound() {
		ApiClient admin = admin();
		String mine = organizationWithSeats(admin, 5);
		String theirs = organizationWithSeats(admin, 5);
		Person owner = member(admin, mine, "owner");
		Person member = member(owner.client(), mine, "member");
		member(admin, theirs, "owner");

		ApiClient.Response list = owner.client().get("/api/v1/organizations/" + mine + "/members");
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json().size()).isEqualTo(2);
		assertThat(list.body()).contains(member.email());
		assertThat(member.client().get("/api/v1/organizations/" + mine + "/members").body())
				.contains(member.id().toString()).doesNotContain(owner.email());

		ApiClient.Response other = owner.client().get("/api/v1/organizations/" + theirs + "/members");
		ApiClient.Response nowhere = owner.client().get("/api/v1/organizations/" + java.util.UUID.randomUUID() + "/members");
		assertThat(other.status()).isEqualTo(404);
		assertThat(nowhere.status()).isEqualTo(404);
		assertThat(other.json().get("detail").asString()).isEqualTo(nowhere.json().get("detail").asString());
		invite(owner.client(), theirs, randomEmail(), "member", 404);
		assertThat(owner.client().delete("/api/v1/organizations/" + theirs + "/members/" + owner.id()).status()).isEqualTo(404);
		assertThat(recorder.denials(owner.id())).anySatisfy(d -> {
			assertThat(d.rule()).isEqualTo("not-a-member");
			assertThat(d.auditEntry().targetId()).isEqualTo(theirs);
		});
	}

	@Test
	void noEventCarriesAnEmail() {
		ApiClient admin = admin();
		String organization = organizationWithSeats(admin, 5);
		Person owner = member(admin, organization, "owner");
		assertThat(recordedEvents.all()).allSatisfy(event -> assertThat(event.toString()).doesNotContain(owner.email()));
		assertThat(recordedEvents.all()).filteredOn(e -> e.getClass().getPackageName().equals("eu.pledge.access"))
				.allSatisfy(event -> assertThat(event).isInstanceOf(eu.pledge.shared.Auditable.class));
	}
}
