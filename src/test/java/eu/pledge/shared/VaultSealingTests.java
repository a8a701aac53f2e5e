package eu.pledge.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** A value sealed for a purpose opens only for that purpose, and only as it was sealed. */
@SpringBootTest
@ActiveProfiles("test")
class VaultSealingTests {

	@Autowired
	Vault vault;

	@Test
	void opensForItsPurposeOnlyAndNeverWhenTamperedWith() {
		String sealed = vault.sealFor("a-purpose", "/invitations/accept?token=abc");

		assertThat(sealed).doesNotContain("invitations", "abc");
		assertThat(vault.sealFor("a-purpose", "/invitations/accept?token=abc")).as("a fresh nonce each time")
				.isNotEqualTo(sealed);
		assertThat(vault.openFor("a-purpose", sealed)).contains("/invitations/accept?token=abc");
		assertThat(vault.openFor("another-purpose", sealed)).isEmpty();
		byte[] bytes = Base64.getDecoder().decode(sealed);
		bytes[bytes.length - 1] ^= 1;
		assertThat(vault.openFor("a-purpose", Base64.getEncoder().encodeToString(bytes))).isEmpty();
		assertThat(vault.openFor("a-purpose", "/invitations/accept?token=abc")).as("plain text").isEmpty();
		assertThat(vault.openFor("a-purpose", "")).isEmpty();
	}
}
