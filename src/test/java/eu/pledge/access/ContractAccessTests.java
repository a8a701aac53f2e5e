package eu.pledge.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import eu.pledge.shared.Permission;
import eu.pledge.testing.ApiClient;

/** Access comes from active contracts only, and ends the moment a contract ends or is suspended. */
class ContractAccessTests extends AccessFixture {

	@Test
	void showsTheLevelAndTheContractItComesFrom() {
		ApiClient admin = admin();
		String organization = organization(admin);
		Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
		String viewer = contract(admin, organization, 5, now.minusSeconds(60), now.plusSeconds(3600), Map.of("crm", "viewer"));
		String manager = contract(admin, organization, 5, now.minusSeconds(60), now.plusSeconds(3600),
				Map.of("crm", "manager", "billing", "viewer"));
		Person person = member(admin, organization, "member");

		JsonNode systems = person.client().get("/api/v1/me/access").json().get("systems");
		assertThat(systems.size()).isEqualTo(2);
		assertThat(systems.get(0).get("system").asString()).isEqualTo("crm");
		assertThat(systems.get(0).get("level").asString()).isEqualTo("manager");
		assertThat(systems.get(0).get("contractId").asString()).isEqualTo(manager).isNotEqualTo(viewer);
		assertThat(systems.get(0).get("organizationId").asString()).isEqualTo(organization);
		assertThat(systems.get(1).get("system").asString()).isEqualTo("billing");
		assertThat(person.client().get("/api/v1/me/access").json().get("organizations").get(0).get("role").asString())
				.isEqualTo("MEMBER");
	}

	@Test
	void aRequestOneSecondAfterTheEndIsRefused() {
		ApiClient admin = admin();
		String organization = organization(admin);
		Instant end = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(600);
		String contract = contract(admin, organization, 3, end.minusSeconds(3600), end, Map.of("crm", "editor"));
		Person person = member(admin, organization, "member");

		clock.set(end.minusSeconds(1));
		assertThat(access.check(person.id(), Permission.USE_SYSTEM, "crm:editor").rule()).isEqualTo("contract:" + contract);
		assertThat(person.client().get("/api/v1/me/access").json().get("systems").size()).isEqualTo(1);

		clock.set(end.plusSeconds(1));
		Decision decision = access.check(person.id(), Permission.USE_SYSTEM, "crm:editor");
		assertThat(decision.allowed()).isFalse();
		assertThat(decision.rule()).isEqualTo("no-active-contract");
		assertThat(person.client().get("/api/v1/me/access").json().get("systems").size()).isZero();
		assertThat(recorder.denials(person.id())).anySatisfy(denied -> {
			assertThat(denied.permission()).isEqualTo(Permission.USE_SYSTEM);
			assertThat(denied.rule()).isEqualTo("no-active-contract");
			assertThat(denied.auditEntry().outcome()).isEqualTo(eu.pledge.shared.AuditEntry.Outcome.DENIED);
		});
		// still signed in, still managing their own account
		assertThat(person.client().get("/api/v1/me").status()).isEqualTo(200);
		assertThat(access.check(person.id(), Permission.OWN_ACCOUNT, null).allowed()).isTrue();
	}

	@Test
	void aContractCountsOnlyFromItsStart() {
		ApiClient admin = admin();
		String organization = organization(admin);
		Instant start = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(600);
		contract(admin, organization, 3, clock.instant().minusSeconds(60), start, Map.of("analytics", "viewer"));
		contract(admin, organization, 3, start, start.plus(Duration.ofDays(365)), Map.of("analytics", "editor"));
		Person person = member(admin, organization, "member");

		assertThat(access.check(person.id(), Permission.USE_SYSTEM, "analytics:editor").allowed()).isFalse();
		assertThat(access.check(person.id(), Permission.USE_SYSTEM, "analytics:viewer").allowed()).isTrue();
		clock.set(start);
		assertThat(access.check(person.id(), Permission.USE_SYSTEM, "analytics:editor").allowed()).isTrue();
	}

	@Test
	void aSuspensionEndsAccessAtOnceAndAnEndedContractStaysEnded() {
		ApiClient admin = admin();
		String organization = organization(admin);
		Instant now = clock.instant();
		String contract = contract(admin, organization, 3, now.minusSeconds(60), now.plusSeconds(86_400), Map.of("crm", "viewer"));
		Person person = member(admin, organization, "member");
		assertThat(access.check(person.id(), Permission.USE_SYSTEM, "crm:viewer").allowed()).isTrue();

		assertThat(admin.patch("/api/v1/admin/contracts/" + contract, Map.of("status", "suspended")).status()).isEqualTo(200);
		assertThat(access.check(person.id(), Permission.USE_SYSTEM, "crm:viewer").allowed()).isFalse();
		assertThat(admin.patch("/api/v1/admin/contracts/" + contract, Map.of("status", "active")).status()).isEqualTo(200);
		assertThat(access.check(person.id(), Permission.USE_SYSTEM, "crm:viewer").allowed()).isTrue();

		assertThat(admin.patch("/api/v1/admin/contracts/" + contract, Map.of("status", "ended")).status()).isEqualTo(200);
		assertThat(access.check(person.id(), Permission.USE_SYSTEM, "crm:viewer").allowed()).isFalse();
		ApiClient.Response reopen = admin.patch("/api/v1/admin/contracts/" + contract, Map.of("status", "active"));
		assertThat(reopen.status()).isEqualTo(400);
		assertThat(reopen.json().get("errors").get(0).get("field").asString()).isEqualTo("status");
	}

	@Test
	void aClosedOrganisationGrantsNothing() {
		ApiClient admin = admin();
		String organization = organization(admin);
		contract(admin, organization, 3, clock.instant().minusSeconds(60), clock.instant().plusSeconds(3600), Map.of("crm", "viewer"));
		Person person = member(admin, organization, "member");
		assertThat(admin.patch("/api/v1/admin/organizations/" + organization, Map.of("status", "closed")).status()).isEqualTo(200);
		assertThat(access.effectiveAccess(person.id())).isEmpty();
	}

	@Test
	void contractsAreValidatedAgainstTheCatalogue() {
		ApiClient admin = admin();
		String organization = organization(admin);
		Instant now = clock.instant();
		ApiClient.Response unknown = admin.post("/api/v1/admin/organizations/" + organization + "/contracts",
				Map.of("startsAt", now.toString(), "endsAt", now.plusSeconds(60).toString(), "seats", 1,
						"systems", Map.of("crm", "wizard")));
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("systems.crm");
		ApiClient.Response backwards = admin.post("/api/v1/admin/organizations/" + organization + "/contracts",
				Map.of("startsAt", now.toString(), "endsAt", now.minusSeconds(60).toString(), "seats", 1,
						"systems", Map.of("crm", "viewer")));
		assertThat(backwards.json().get("errors").get(0).get("field").asString()).isEqualTo("endsAt");
		ApiClient.Response noSeats = admin.post("/api/v1/admin/organizations/" + organization + "/contracts",
				Map.of("startsAt", now.toString(), "endsAt", now.plusSeconds(60).toString(), "seats", 0,
						"systems", Map.of("crm", "viewer")));
		assertThat(noSeats.status()).isEqualTo(400);
		assertThat(noSeats.json().get("errors").get(0).get("field").asString()).isEqualTo("seats");
	}

	/** Moved here from the preferences' dashboard columns (gone in issue 16): 2.5 where a whole number belongs. */
	@Test
	void aFractionOfASeatIsRefusedNamingTheField() {
		ApiClient admin = admin();
		String organization = organization(admin);
		Instant now = clock.instant();
		ApiClient.Response fraction = admin.post("/api/v1/admin/organizations/" + organization + "/contracts",
				"{\"startsAt\": \"" + now + "\", \"endsAt\": \"" + now.plus(Duration.ofDays(30))
						+ "\", \"seats\": 2.5, \"systems\": {}}");
		assertThat(fraction.status()).as(fraction.body()).isEqualTo(400);
		assertThat(fraction.json().get("errors").get(0).get("field").asString()).isEqualTo("seats");
		assertThat(fraction.json().get("errors").get(0).get("message").asString()).isEqualTo("Give a whole number.");
	}
}
