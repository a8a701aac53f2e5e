package eu.pledge.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Request bodies carrying emails, passwords, tokens or codes never show them in toString (logs, errors). */
class RedactedRequestsTests {

	@Test
	void requestRecordsRedactWhatTheyCarry() {
		List<Object> requests = List.of(new AccountsApi.TokenRequest("tok-secret"),
				new AccountsApi.EmailChange("ada@example.org", "pw-secret"),
				new AccountsApi.PasswordChange("pw-secret", "pw-secret"), new AccountsApi.ResetRequest("ada@example.org"),
				new AccountsApi.ResetConfirmation("tok-secret", "pw-secret"), new AccountsApi.TotpConfirmation("123456"),
				new AccountsApi.PasswordConfirmation("pw-secret"),
				new AccountsApi.ProfileCorrection("Ada Lovelace", new PostalAddress("Ockham St 1", "1000", "Brussels", "BE")),
				new Registration("Ada Lovelace", "ada@example.org", "pw-secret", new PostalAddress("Ockham St 1", "1000", "Brussels", "BE")),
				new BootstrapProperties("ada@example.org", "pw-secret"));
		for (Object request : requests) {
			assertThat(request.toString()).as(request.getClass().getSimpleName()).doesNotContain("secret")
					.doesNotContain("ada@").doesNotContain("Lovelace").doesNotContain("Ockham").doesNotContain("123456");
		}
	}
}
