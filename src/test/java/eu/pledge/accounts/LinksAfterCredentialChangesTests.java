package eu.pledge.accounts;

import static eu.pledge.testing.People.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;

/**
 * A link mailed before the password or the email address changed cannot change either afterwards (ASVS
 * 2.5.x): the owner who changes a credential after a suspicion closes every door a stolen mailbox or an old
 * password opened.
 */
class LinksAfterCredentialChangesTests extends HttpTest {

	private static final String NEW_PASSWORD = "a brand new passphrase 42";

	@Test
	void aResetLinkMailedBeforeAPasswordChangeNoLongerWorks() {
		ApiClient owner = client();
		String email = signedInAccount(owner);
		assertThat(client().post("/api/v1/password-reset", Map.of("email", email)).status()).isEqualTo(202);
		String token = mailbox.token(email, "Reset your password");

		assertThat(owner.post("/api/v1/me/password", Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD))
				.status()).isEqualTo(204);

		assertThat(client().post("/api/v1/password-reset/confirmation",
				Map.of("token", token, "password", "the attacker's passphrase")).status()).isEqualTo(400);
	}

	@Test
	void anEmailChangeRequestedWithTheOldPasswordDiesWithAPasswordReset() {
		ApiClient attacker = client();
		String email = signedInAccount(attacker);
		String attackersAddress = randomEmail();
		assertThat(attacker.post("/api/v1/me/email", Map.of("email", attackersAddress, "currentPassword", PASSWORD))
				.status()).isEqualTo(202);
		String change = mailbox.token(attackersAddress, "Confirm your new email address");

		assertThat(client().post("/api/v1/password-reset", Map.of("email", email)).status()).isEqualTo(202);
		String reset = mailbox.token(email, "Reset your password");
		assertThat(client().post("/api/v1/password-reset/confirmation", Map.of("token", reset, "password", NEW_PASSWORD))
				.status()).isEqualTo(204);

		assertThat(client().post("/api/v1/me/email/confirmation", Map.of("token", change)).status()).isEqualTo(400);
	}

	@Test
	void aResetLinkSentToTheOldAddressNoLongerWorksOnceTheAddressChanged() {
		ApiClient owner = client();
		String email = signedInAccount(owner);
		assertThat(client().post("/api/v1/password-reset", Map.of("email", email)).status()).isEqualTo(202);
		String reset = mailbox.token(email, "Reset your password");
		String newAddress = randomEmail();
		assertThat(owner.post("/api/v1/me/email", Map.of("email", newAddress, "currentPassword", PASSWORD)).status())
				.isEqualTo(202);
		assertThat(client().post("/api/v1/me/email/confirmation",
				Map.of("token", mailbox.token(newAddress, "Confirm your new email address"))).status()).isEqualTo(204);

		assertThat(client().post("/api/v1/password-reset/confirmation", Map.of("token", reset, "password", NEW_PASSWORD))
				.status()).isEqualTo(400);
	}
}
