package eu.pledge.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mockingDetails;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * Unknown email, wrong password and unconfirmed account must cost the same, or response times tell an
 * attacker which addresses have accounts. Counted, not timed: each path performs exactly one Argon2id
 * verification and no other hashing.
 */
@SpringBootTest
@ActiveProfiles("test")
class SameCostForEveryFailureTests {

	@MockitoSpyBean
	PasswordHasher hasher;

	@Autowired
	Accounts accounts;

	@Autowired
	Credentials credentials;

	private long argon2Calls() {
		return mockingDetails(hasher).getInvocations().stream()
				.filter(invocation -> !invocation.getMethod().getName().equals("needsUpgrade")).count();
	}

	@Test
	void unknownWrongAndUnconfirmedEachCostOneVerification() {
		String confirmed = "c-" + UUID.randomUUID() + "@example.org";
		accounts.create("Ada", confirmed, "the right passphrase", new PostalAddress("a", "1", "b", "BE"), true, "");
		String unconfirmed = "u-" + UUID.randomUUID() + "@example.org";
		accounts.create("Ada", unconfirmed, "the right passphrase", new PostalAddress("a", "1", "b", "BE"), false, "");

		clearInvocations(hasher);
		assertThat(credentials.check("nobody-" + UUID.randomUUID() + "@example.org", "a guess").outcome())
				.isEqualTo(CredentialCheck.Outcome.UNKNOWN_ACCOUNT);
		long unknown = argon2Calls();

		clearInvocations(hasher);
		assertThat(credentials.check(confirmed, "a guess").outcome()).isEqualTo(CredentialCheck.Outcome.WRONG_PASSWORD);
		long wrong = argon2Calls();

		clearInvocations(hasher);
		assertThat(credentials.check(unconfirmed, "the right passphrase").outcome()).isEqualTo(CredentialCheck.Outcome.UNVERIFIED);
		long pending = argon2Calls();

		assertThat(unknown).isEqualTo(1);
		assertThat(wrong).isEqualTo(1);
		assertThat(pending).isEqualTo(1);
	}
}
