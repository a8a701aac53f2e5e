package eu.pledge.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import eu.pledge.shared.AccountId;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.AtOnce;
import eu.pledge.testing.People;

/**
 * "Only as long as you remain a customer", for every kind of account that stops being one: each is told the date by
 * mail, sees it on its data page, and is erased on that date (not before); a new membership in time cancels.
 */
class NonCustomersTests extends AccessFixture {

	static final Duration GRACE = Duration.ofDays(30);
	static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu").withZone(ZoneOffset.UTC);

	@Autowired
	NonCustomers rule;

	@Autowired
	NonCustomersCheck check;

	@Test
	void anAccountThatNeverJoinsIsToldAndErasedTheGracePeriodAfterRegistering() {
		Instant registered = clock.instant();
		Person person = person();

		sweep();

		String mail = mailbox.await(person.email(), NonCustomerMails.SUBJECT + DAY.format(registered.plus(GRACE)));
		assertThat(mail).contains("never joined an organisation with a contract", "/api/v1/me/export", "/account/data");
		assertThat(destroyedOn(person)).isEqualTo(registered.plus(GRACE).truncatedTo(ChronoUnit.SECONDS));
		assertThat(person.client().get("/account/data").body()).contains("destroyed-on",
				DateTimeFormatter.ofPattern("d MMMM yyyy").withZone(ZoneOffset.UTC).format(registered.plus(GRACE)));

		erasedExactlyAtItsDate(person, registered.plus(GRACE), "never-joined");
	}

	@Test
	void aRemovedMemberCountsFromTheRemoval() {
		ApiClient admin = admin();
		String organization = customer(admin);
		Person member = member(admin, organization, "member");
		clock.advance(Duration.ofDays(100)); // long after registering: the removal is what counts
		Instant removed = clock.instant();
		admin = admin(); // the first one's session has timed out meanwhile
		assertThat(admin.delete("/api/v1/organizations/" + organization + "/members/" + member.id()).status())
				.isEqualTo(204);

		sweep();

		String mail = mailbox.await(member.email(), NonCustomerMails.SUBJECT + DAY.format(removed.plus(GRACE)));
		assertThat(mail).contains("was removed from its organisation");
		erasedExactlyAtItsDate(member, removed.plus(GRACE), "removed");
	}

	@Test
	void closingAnOrganisationCountsFromTheClosingNotFromItsContractsEnd() {
		ApiClient admin = admin();
		String organization = customer(admin); // its contract runs for another year
		Person member = member(admin, organization, "member");
		clock.advance(Duration.ofDays(3));
		Instant closed = clock.instant();
		admin = admin();
		assertThat(admin.patch("/api/v1/admin/organizations/" + organization, Map.of("status", "closed")).status())
				.isEqualTo(200);

		sweep();

		assertThat(mailbox.await(member.email(), NonCustomerMails.SUBJECT + DAY.format(closed.plus(GRACE))))
				.contains("its organisation was closed");
		erasedExactlyAtItsDate(member, closed.plus(GRACE), "organization-closed");
	}

	@Test
	void membersOfAnOrganisationWhoseContractEndedAreErasedTheGracePeriodAfterTheEnd() {
		ApiClient admin = admin();
		String organization = organization(admin);
		Instant end = clock.instant().plus(Duration.ofDays(2));
		contract(admin, organization, 5, clock.instant().minus(Duration.ofDays(1)), end, Map.of("crm", "viewer"));
		Person member = member(admin, organization, "member");
		sweep();
		assertThat(destroyedOn(member)).as("a customer has no date").isNull();

		clock.advance(Duration.ofDays(3));
		sweep();

		assertThat(mailbox.await(member.email(), NonCustomerMails.SUBJECT + DAY.format(end.plus(GRACE))))
				.contains("its organisation's contract ended");
		erasedExactlyAtItsDate(member, end.plus(GRACE), "contract-ended");
	}

	@Test
	void membersOfAnOrganisationWhoseContractWasSuspendedCountFromTheSuspension() {
		ApiClient admin = admin();
		String organization = organization(admin);
		String contract = contract(admin, organization, 5, clock.instant().minus(Duration.ofDays(1)),
				clock.instant().plus(Duration.ofDays(365)), Map.of("crm", "viewer"));
		Person member = member(admin, organization, "member");
		clock.advance(Duration.ofDays(1));
		Instant suspended = clock.instant();
		admin = admin();
		assertThat(admin.patch("/api/v1/admin/contracts/" + contract, Map.of("status", "suspended")).status())
				.isEqualTo(200);

		sweep();

		assertThat(mailbox.await(member.email(), NonCustomerMails.SUBJECT + DAY.format(suspended.plus(GRACE))))
				.contains("its organisation's contract was suspended");
		erasedExactlyAtItsDate(member, suspended.plus(GRACE), "contract-suspended");
	}

	@Test
	void joiningAnOrganisationInTimeCancelsTheDate() {
		Person person = person();
		sweep();
		mailbox.await(person.email(), NonCustomerMails.SUBJECT);
		assertThat(destroyedOn(person)).isNotNull();

		clock.advance(GRACE.minus(Duration.ofDays(1)));
		ApiClient admin = admin();
		String organization = customer(admin);
		invite(admin, organization, person.email(), "member", 202);
		String token = mailbox.token(person.email(), "You are invited to join");
		People.signIn(person.client(), person.email(), People.PASSWORD);
		assertThat(person.client().post("/api/v1/invitations/acceptance", Map.of("token", token)).status()).isEqualTo(200);
		sweep();
		assertThat(destroyedOn(person)).isNull();

		clock.advance(Duration.ofDays(2)); // past the cancelled date
		sweep();
		assertThat(exists(person)).isTrue();
		assertThat(count("access_noncustomers", person.id())).isZero();
	}

	/** Joining cancels at once; a removal soon after counts from the removal, not from the registration. */
	@Test
	void aMemberRemovedBeforeAnyRunSawThemJoinCountsFromTheRemoval() {
		Person person = person();
		sweep();
		assertThat(destroyedOn(person)).isNotNull();

		clock.advance(Duration.ofDays(20));
		ApiClient admin = admin();
		String organization = customer(admin);
		invite(admin, organization, person.email(), "member", 202);
		String token = mailbox.token(person.email(), "You are invited to join");
		People.signIn(person.client(), person.email(), People.PASSWORD);
		assertThat(person.client().post("/api/v1/invitations/acceptance", Map.of("token", token)).status()).isEqualTo(200);
		assertThat(destroyedOn(person)).as("cancelled by the joining itself").isNull();

		clock.advance(Duration.ofDays(5));
		Instant removed = clock.instant();
		admin = admin();
		assertThat(admin.delete("/api/v1/organizations/" + organization + "/members/" + person.id()).status())
				.isEqualTo(204);

		assertThat(destroyedOn(person)).isEqualTo(removed.plus(GRACE).truncatedTo(ChronoUnit.SECONDS));
		sweep();
		assertThat(mailbox.await(person.email(), NonCustomerMails.SUBJECT + DAY.format(removed.plus(GRACE))))
				.contains("was removed from its organisation");
	}

	@Test
	void aRenewedContractInTimeCancelsTheDate() {
		ApiClient admin = admin();
		String organization = organization(admin);
		String contract = contract(admin, organization, 5, clock.instant().minus(Duration.ofDays(1)),
				clock.instant().plus(Duration.ofDays(365)), Map.of("crm", "viewer"));
		Person member = member(admin, organization, "member");
		assertThat(admin.patch("/api/v1/admin/contracts/" + contract, Map.of("status", "suspended")).status())
				.isEqualTo(200);
		sweep();
		assertThat(destroyedOn(member)).isNotNull();

		clock.advance(Duration.ofDays(10));
		admin = admin();
		assertThat(admin.patch("/api/v1/admin/contracts/" + contract, Map.of("status", "active")).status())
				.isEqualTo(200);
		sweep();
		clock.advance(GRACE);
		sweep();

		assertThat(exists(member)).isTrue();
		assertThat(destroyedOn(member)).isNull();
	}

	/**
	 * A restriction stops processing (no mail reaches the person) but is no exception to "beyond that period all
	 * your data will be destroyed": the data is destroyed on the same date, untold.
	 */
	@Test
	void aRestrictedAccountIsNotMailedButStillDestroyedAtItsDate() {
		Instant registered = clock.instant();
		Person person = person();
		assertThat(person.client().post("/api/v1/me/restriction", Map.of()).status()).isEqualTo(200);
		mailbox.await(person.email(), "Processing of your data is restricted");
		long before = mailbox.count(person.email());

		sweep();

		assertThat(destroyedOn(person)).isEqualTo(registered.plus(GRACE).truncatedTo(ChronoUnit.SECONDS));
		assertThat(jdbc.sql("SELECT notice FROM access_noncustomers WHERE account_id = :id")
				.param("id", person.id().value()).query(String.class).single()).isEqualTo("RESTRICTED");
		assertThat(mailbox.count(person.email())).isEqualTo(before);
		clock.advance(GRACE.plus(Duration.ofMinutes(1)));
		sweep();
		assertThat(exists(person)).isFalse();
	}

	@Test
	void platformAdministratorsAndPendingInviteesAreCustomers() {
		ApiClient admin = admin();
		String adminId = admin.get("/api/v1/me").json().get("id").asString();
		String organization = customer(admin);
		Person invitee = person();
		invite(admin, organization, invitee.email(), "member", 202);

		sweep();

		assertThat(count("access_noncustomers", AccountId.of(adminId))).isZero();
		assertThat(count("access_noncustomers", invitee.id())).isZero();
	}

	/** Forty runs at once on one account, twenty on each of two nodes: one date, one mail; at the date, one erasure. */
	@Test
	void fortySweepsAtOnceOnTwoNodesMailOnceAndEraseOnce() throws Exception {
		// clear what earlier tests left due, so the counts below are this account's
		clock.advance(Duration.ofDays(400));
		sweep();
		Person person = person();
		long before = mailbox.count(person.email());

		try (eu.pledge.testing.SecondNode other = eu.pledge.testing.SecondNode.of(environment, Map.of())) {
			NonCustomers otherNode = other.bean(NonCustomers.class);
			assertThat(atOnce(40, otherNode)).isZero();
			mailbox.await(person.email(), NonCustomerMails.SUBJECT);
			org.awaitility.Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
					.until(() -> mailbox.count(person.email()) == before + 1);
			assertThat(count("access_noncustomers", person.id())).isEqualTo(1);

			clock.advance(GRACE.plus(Duration.ofMinutes(1)));
			assertThat(atOnce(40, otherNode)).as("accounts erased by all forty runs together").isEqualTo(1);
			assertThat(exists(person)).isFalse();
		}
	}

	private long atOnce(int runs, NonCustomers otherNode) throws Exception {
		Instant now = clock.instant();
		return AtOnce.run(runs, i -> () -> (i % 2 == 0 ? rule : otherNode).sweep(now)).stream()
				.mapToLong(Number::longValue).sum();
	}

	/** One second before the date the account is still there (and the check passes); after it, it is gone. */
	private void erasedExactlyAtItsDate(Person person, Instant date, String kind) {
		clock.set(date.minus(Duration.ofSeconds(1)));
		sweep();
		assertThat(exists(person)).as("kept until its date").isTrue();

		clock.set(date.plus(Duration.ofHours(1)));
		ComplianceCheckResult failed = result();
		assertThat(failed.passed()).as(failed.evidence()).isFalse();
		assertThat(failed.evidence()).contains(kind + "=");

		sweep();
		assertThat(exists(person)).as("destroyed at its date").isFalse();
		assertThat(count("access_memberships", person.id())).isZero();
		assertThat(count("vault_keys", "owner_id", person.id())).as("crypto-shredded").isZero();
		assertThat(People.signIn(client(), person.email(), People.PASSWORD).status()).isEqualTo(401);
		ComplianceCheckResult passed = result();
		assertThat(passed.passed()).as(passed.evidence()).isTrue();
	}

	private record ComplianceCheckResult(boolean passed, String evidence) {
	}

	private ComplianceCheckResult result() {
		var result = check.check(clock.instant());
		return new ComplianceCheckResult(result.passed(), result.evidence());
	}

	private String customer(ApiClient admin) {
		String organization = organization(admin);
		contract(admin, organization, 5, clock.instant().minus(Duration.ofDays(1)),
				clock.instant().plus(Duration.ofDays(365)), Map.of("crm", "viewer"));
		return organization;
	}

	/** As the person reads it, signed in afresh (a moved clock has ended their earlier session). */
	private Instant destroyedOn(Person person) {
		ApiClient client = client();
		assertThat(People.signIn(client, person.email(), People.PASSWORD).status()).isLessThan(300);
		ApiClient.Response data = client.get("/api/v1/me/data");
		assertThat(data.status()).as(data.body()).isEqualTo(200);
		var field = data.json().get("destroyedOn");
		return field == null || field.isNull() ? null : Instant.parse(field.asString()).truncatedTo(ChronoUnit.SECONDS);
	}

	private void sweep() {
		rule.sweep(clock.instant());
	}

	private boolean exists(Person person) {
		return count("accounts", "id", person.id()) == 1;
	}

	private long count(String table, AccountId account) {
		return count(table, "account_id", account);
	}

	private long count(String table, String column, AccountId account) {
		return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = :id").param("id", account.value())
				.query(Long.class).single();
	}
}
