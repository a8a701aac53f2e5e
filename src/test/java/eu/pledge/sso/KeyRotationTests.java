package eu.pledge.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import eu.pledge.access.AccessFixture;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.SecondNode;
import tools.jackson.databind.JsonNode;

/**
 * Signing keys rotate by slot: a token signed before the rotation still verifies after it, the retired key leaves
 * the key set once its tokens have expired, and every node knows every key (the database is the one store).
 */
class KeyRotationTests extends AccessFixture {

	private static final Duration ROTATION = Duration.ofDays(30);

	private ApiClient system;

	@BeforeEach
	void system() {
		system = client();
	}

	private SsoFlow.Tokens signIn(ApiClient admin, SsoFlow.Client crm) {
		String organization = organization(admin);
		contract(admin, organization, 10, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(120)),
				Map.of("crm", "viewer"));
		Person person = member(admin, organization, "MEMBER");
		String verifier = SsoFlow.verifier();
		SsoFlow.Tokens tokens = SsoFlow.exchange(system, crm, SsoFlow.code(person.client(), crm, "openid", verifier),
				verifier);
		assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
		return tokens;
	}

	private List<String> publishedKids() {
		List<String> kids = new ArrayList<>();
		for (JsonNode key : system.get("/oauth2/jwks").json().get("keys")) {
			kids.add(key.get("kid").asString());
		}
		return kids;
	}

	private static String kid(String jwt) {
		return SsoFlow.header(jwt).get("kid").asString();
	}

	@Test
	void aTokenSignedBeforeTheRotationStillVerifiesAndTheOldKeyLeavesOnceItsTokensExpired() {
		ApiClient admin = admin();
		SsoFlow.Client crm = SsoFlow.register(admin, "crm", Map.of());
		SsoFlow.Tokens before = signIn(admin, crm);
		String oldKid = kid(before.access());
		long slot = Math.floorDiv(clock.instant().getEpochSecond(), ROTATION.getSeconds());
		Instant nextSlot = Instant.ofEpochSecond((slot + 1) * ROTATION.getSeconds());
		assertThat(publishedKids()).as("the next slot's key is published before it signs").contains(oldKid,
				oldKid.replace("-" + slot, "-" + (slot + 1)));

		clock.set(nextSlot.plusSeconds(10));
		SsoFlow.Tokens after = SsoFlow.refresh(system, crm, before.refresh());
		assertThat(after.status()).as(after.body()).isEqualTo(200);
		assertThat(kid(after.access())).isNotEqualTo(oldKid);
		assertThat(publishedKids()).contains(oldKid, kid(after.access()));
		assertThat(SsoFlow.userInfo(system, after.access()).status()).isEqualTo(200);

		clock.set(nextSlot.plus(Duration.ofMinutes(7)));
		assertThat(publishedKids()).as("retired once every token it signed has expired").doesNotContain(oldKid)
				.contains(kid(after.access()));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM sso_signing_keys WHERE kid = ?").param(oldKid).query(Long.class).single())
				.isZero();
	}

	@Test
	void aTokenFromOneNodeWorksOnTheOtherAndSoDoesTheNextSlotsKey() throws Exception {
		ApiClient admin = admin();
		SsoFlow.Client crm = SsoFlow.register(admin, "crm", Map.of());
		SsoFlow.Tokens tokens = signIn(admin, crm);
		try (SecondNode other = SecondNode.of(environment, Map.of())) {
			ApiClient onB = new ApiClient(other.port()).from(randomAddress());
			ApiClient.Response introspected = onB.send("POST", "/oauth2/introspect", "token=" + tokens.access(),
					Map.of("Content-Type", "application/x-www-form-urlencoded", "Authorization", crm.basic()));
			assertThat(introspected.json().get("active").asBoolean()).as(introspected.body()).isTrue();
			assertThat(SsoFlow.userInfo(onB, tokens.access()).status()).isEqualTo(200);

			// Node A moves into the next slot and signs with its key; node B, still in this slot, verifies it.
			long slot = Math.floorDiv(clock.instant().getEpochSecond(), ROTATION.getSeconds());
			clock.set(Instant.ofEpochSecond((slot + 1) * ROTATION.getSeconds()).plusSeconds(5));
			SsoFlow.Tokens rotated = SsoFlow.refresh(system, crm, tokens.refresh());
			assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
			assertThat(kid(rotated.access())).endsWith("-" + (slot + 1));
			assertThat(SsoFlow.userInfo(onB, rotated.access()).status()).isEqualTo(200);

			// A refresh token spent on A is recognised as reused on B.
			assertThat(SsoFlow.refresh(onB, crm, tokens.refresh()).status()).isEqualTo(400);
			assertThat(SsoFlow.userInfo(system, rotated.access()).status()).as("the family is revoked").isEqualTo(401);
		}
	}
}
