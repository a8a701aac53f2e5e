package eu.pledge.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import eu.pledge.testing.ApiClient;

/** Administrator actions and refused routes land in the audit trail, with who did it and which rule refused. */
class AuditedAccessTests extends AccessFixture {

	@Test
	void anAdministratorsActionsAreAudited() {
		ApiClient admin = admin();
		String adminId = admin.get("/api/v1/me").json().get("id").asString();
		String organization = organization(admin);

		ApiClient.Response trail = admin.get("/api/v1/admin/audit?action=organization.created&targetId=" + organization);
		assertThat(trail.status()).isEqualTo(200);
		assertThat(trail.json().get("items").size()).isEqualTo(1);
		assertThat(trail.json().get("items").get(0).get("actor").asString()).isEqualTo(adminId);
		assertThat(trail.json().get("items").get(0).get("outcome").asString()).isEqualTo("SUCCESS");
	}

	@Test
	void aRefusedRouteIsAnsweredAndAuditedWithTheRuleThatRefused() {
		Person person = person();
		ApiClient.Response refused = person.client().get("/api/v1/admin/organizations");
		assertThat(refused.status()).isEqualTo(403);

		ApiClient admin = admin();
		ApiClient.Response trail = admin.get("/api/v1/admin/audit?action=access.denied&actor=" + person.id());
		assertThat(trail.status()).isEqualTo(200);
		assertThat(trail.json().get("items").size()).isGreaterThanOrEqualTo(1);
		assertThat(trail.json().get("items").get(0).get("outcome").asString()).isEqualTo("DENIED");
		assertThat(trail.json().get("items").get(0).get("detail").toString()).contains("PLATFORM_ADMIN");
	}
}
