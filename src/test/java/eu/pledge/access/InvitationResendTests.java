package eu.pledge.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import eu.pledge.shared.Tokens;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.AtOnce;

/**
 * Sending a pending invitation again: a fresh link to the invitee's sealed address, the previous link dead,
 * once a minute at most (forty at once mail once), audited; an invitation older than the sealed address explains
 * that it must be revoked and sent anew.
 */
class InvitationResendTests extends AccessFixture {

	private static final Map<String, String> HTML = Map.of("Accept", "text/html");

	@org.springframework.beans.factory.annotation.Autowired
	ExpiredInvitations expiredInvitations;

	@Test
	void resendMailsANewLinkTheOldOneStopsAndFortyAtOnceMailOnce() throws Exception {
		ApiClient admin = admin();
		String organization = organization(admin);
		contract(admin, organization, 5, clock.instant().minus(Duration.ofDays(1)), clock.instant().plus(Duration.ofDays(30)),
				Map.of("crm", "editor"));
		Person owner = member(admin, organization, "OWNER");
		Person invitee = person();
		invite(owner.client(), organization, invitee.email(), "MEMBER", 202);
		String first = mailbox.token(invitee.email(), "You are invited to join");
		String invitations = "/api/v1/organizations/" + organization + "/invitations";
		String id = owner.client().get(invitations).json().get(0).get("id").asString();
		assertThat(owner.client().get(invitations).json().get(0).get("email").asString()).isEqualTo(invitee.email());
		assertThat(jdbc.sql("SELECT invitee_email FROM access_invitations WHERE token_hash = :h")
				.param("h", Tokens.sha256(first)).query(String.class).single()).as("sealed at rest")
				.doesNotContain(invitee.email()).doesNotContain("@");

		ApiClient.Response tooSoon = owner.client().post(invitations + "/" + id + "/resend", null);
		assertThat(tooSoon.status()).isEqualTo(429);
		assertThat(tooSoon.body()).contains("mailed less than a minute ago");

		clock.advance(Duration.ofMinutes(2));
		long mails = mailbox.count(invitee.email());
		List<Integer> statuses = AtOnce.times(40,
				() -> owner.client().post(invitations + "/" + id + "/resend", null).status());
		assertThat(statuses).containsOnlyOnce(202).allMatch(status -> status == 202 || status == 400 || status == 429);
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.count(invitee.email()) == mails + 1);
		String second = mailbox.token(invitee.email(), "You are invited to join");
		assertThat(second).isNotEqualTo(first);

		ApiClient.Response old = invitee.client().post("/api/v1/invitations/acceptance", Map.of("token", first));
		assertThat(old.status()).as("the previous link stopped working").isEqualTo(400);
		String audit = "";
		for (int i = 0; i < 50 && !audit.contains("membership.invitation-resent"); i++) {
			Thread.sleep(100);
			audit = owner.client().get("/api/v1/me/audit?action=membership.invitation-resent").body();
		}
		assertThat(owner.client().get("/api/v1/me/audit?action=membership.invitation-resent").json().findValues("action"))
				.hasSize(1);
		Thread.sleep(500);
		assertThat(mailbox.count(invitee.email())).as("one mail for forty requests").isEqualTo(mails + 1);

		UUID key = jdbc.sql("SELECT email_key FROM access_invitations WHERE token_hash = :h")
				.param("h", Tokens.sha256(second)).query(UUID.class).single();
		ApiClient.Response accepted = invitee.client().post("/api/v1/invitations/acceptance", Map.of("token", second));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM vault_keys WHERE owner_id = :k").param("k", key).query(Long.class)
				.single()).as("the sealed address's key went with the invitation").isZero();
	}

	@Test
	void theInviteeSeesTheAddressInTheirDataAndErasureDestroysIt() {
		ApiClient admin = admin();
		String organization = organization(admin);
		contract(admin, organization, 5, clock.instant().minus(Duration.ofDays(1)), clock.instant().plus(Duration.ofDays(30)),
				Map.of("crm", "editor"));
		Person invitee = person();
		invite(admin, organization, invitee.email(), "MEMBER", 202);
		String token = mailbox.token(invitee.email(), "You are invited to join");
		ApiClient.Response export = invitee.client().get("/api/v1/me/data");
		assertThat(export.status()).isEqualTo(200);
		assertThat(export.body()).contains("invitation-received", "\"sentTo\":\"" + invitee.email() + "\"");

		UUID key = jdbc.sql("SELECT email_key FROM access_invitations WHERE token_hash = :h")
				.param("h", Tokens.sha256(token)).query(UUID.class).single();
		jdbc.sql("UPDATE access_invitations SET expires_at = :past WHERE token_hash = :h")
				.param("past", Timestamp.from(clock.instant().minusSeconds(1))).param("h", Tokens.sha256(token)).update();
		expiredInvitations.purge();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM vault_keys WHERE owner_id = :k").param("k", key).query(Long.class)
				.single()).as("retention destroys the key with the row").isZero();
	}

	@Test
	void anInvitationOlderThanTheSealedAddressCannotBeResentAndSaysSo() {
		ApiClient admin = admin();
		String organization = organization(admin);
		contract(admin, organization, 5, clock.instant().minus(Duration.ofDays(1)), clock.instant().plus(Duration.ofDays(30)),
				Map.of("crm", "editor"));
		Person owner = member(admin, organization, "OWNER");
		// as an invitation of an earlier version was stored: no sealed address, no key
		jdbc.sql("""
				INSERT INTO access_invitations (token_hash, organization_id, email_index, role, invited_by, created_at, expires_at)
				VALUES (:h, :o, 'legacy-index', 'MEMBER', :by, :now, :later)""")
				.param("h", Tokens.sha256(Tokens.newLinkToken())).param("o", UUID.fromString(organization))
				.param("by", owner.id().value()).param("now", Timestamp.from(clock.instant().minus(Duration.ofHours(1))))
				.param("later", Timestamp.from(clock.instant().plus(Duration.ofDays(3)))).update();
		String ownerPage = "/organizations/" + organization;
		String body = owner.client().send("GET", ownerPage, null, HTML).body();
		assertThat(body).contains("not kept (sent before Pledge kept invitees");
		Matcher action = Pattern.compile("action=\"(/organizations/[^\"]+/invitations/([0-9a-f]{32})/resend)\"").matcher(body);
		assertThat(action.find()).isTrue();
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(body);
		assertThat(csrf.find()).isTrue();

		ApiClient.Response posted = owner.client().send("POST", action.group(1),
				"_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8),
				Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"));
		assertThat(posted.status()).isEqualTo(302);
		assertThat(owner.client().send("GET", ownerPage, null, HTML).body())
				.contains("cannot be sent again. Revoke it and send a new invitation.");
		assertThat(owner.client().post("/api/v1/organizations/" + organization + "/invitations/" + action.group(2) + "/resend",
				null).status()).isEqualTo(409);
	}
}
