package eu.pledge.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import eu.pledge.access.AccessFixture;
import eu.pledge.testing.ApiClient;

/** A platform administrator disables an account: its single sign-on tokens stop at once and the system is told. */
class DisabledAccountSsoTests extends AccessFixture {

	@Test
	void disablingAnAccountStopsItsTokensAndTellsTheSystem() throws Exception {
		try (LogoutReceiver receiver = new LogoutReceiver()) {
			ApiClient admin = admin();
			ApiClient system = client();
			String organization = organization(admin);
			contract(admin, organization, 10, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)),
					Map.of("crm", "viewer"));
			Person person = member(admin, organization, "MEMBER");
			SsoFlow.Client crm = SsoFlow.register(admin, "crm", Map.of("backchannelLogoutUri", receiver.uri()));
			String verifier = SsoFlow.verifier();
			SsoFlow.Tokens tokens = SsoFlow.exchange(system, crm, SsoFlow.code(person.client(), crm, "openid", verifier),
					verifier);
			assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
			assertThat(SsoFlow.userInfo(system, tokens.access()).status()).isEqualTo(200);

			assertThat(admin.post("/api/v1/admin/accounts/" + person.id() + "/disable", null).status()).isEqualTo(204);

			assertThat(SsoFlow.userInfo(system, tokens.access()).status()).isEqualTo(401);
			assertThat(SsoFlow.refresh(system, crm, tokens.refresh()).status()).isEqualTo(400);
			await().atMost(Duration.ofSeconds(10)).until(() -> receiver.tokens.size() == 1);
			assertThat(SsoFlow.payload(receiver.tokens.get(0)).get("sub").asString())
					.isEqualTo(tokens.idToken().get("sub").asString());
		}
	}
}
