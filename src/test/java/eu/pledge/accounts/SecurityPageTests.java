package eu.pledge.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import eu.pledge.shared.AccountId;

@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class SecurityPageTests {

	private static final String NEW_PASSWORD = "a brand new and long passphrase";

	@Autowired
	MockMvc mvc;

	@Autowired
	Credentials credentials;

	@Autowired
	PageTestAccounts testAccounts;

	@Test
	void offersToSetUpTwoStepSignIn() throws Exception {
		AccountId id = testAccounts.verified(PageTestAccounts.randomEmail());
		mvc.perform(get("/account/security").with(user(id.toString())))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Set up two-step sign-in")))
				.andExpect(content().string(containsString("<label for=\"newPassword\">")));
	}

	@Test
	void changesThePassword() throws Exception {
		String email = PageTestAccounts.randomEmail();
		AccountId id = testAccounts.verified(email);
		mvc.perform(post("/account/password").with(user(id.toString())).with(csrf())
				.param("currentPassword", PageTestAccounts.PASSWORD).param("newPassword", NEW_PASSWORD))
				.andExpect(redirectedUrl("/account/security"))
				.andExpect(flash().attribute("notice", "Your password is changed."));
		assertThat(credentials.check(email, NEW_PASSWORD).outcome()).isEqualTo(CredentialCheck.Outcome.VALID);
	}

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Autowired
	org.springframework.transaction.support.TransactionTemplate transactions;

	/**
	 * A change that meets another change of the same account at that moment (another tab, another node) is not
	 * queued holding a connection: the page answers 409 with Retry-After and says so, in the page's own layout, and
	 * nothing is changed.
	 */
	@Test
	void aPasswordChangeThatMeetsAnotherChangeOfTheAccountSaysSoAndChangesNothing() throws Exception {
		String email = PageTestAccounts.randomEmail();
		AccountId id = testAccounts.verified(email);
		java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
		Thread other = new Thread(() -> transactions.executeWithoutResult(status -> {
			jdbc.sql("SELECT id FROM accounts WHERE id = :id FOR UPDATE").param("id", java.util.UUID.fromString(id.toString()))
					.query(java.util.UUID.class).single();
			held.countDown();
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}));
		other.start();
		try {
			assertThat(held.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			mvc.perform(post("/account/password").with(user(id.toString())).with(csrf()).accept("text/html")
					.param("currentPassword", PageTestAccounts.PASSWORD).param("newPassword", NEW_PASSWORD))
					.andExpect(status().isConflict())
					.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
							.string("Retry-After", "1"))
					.andExpect(content().contentTypeCompatibleWith("text/html"))
					.andExpect(content().string(containsString("This was being changed by another request at the same moment.")))
					.andExpect(content().string(containsString("Please try again")))
					.andExpect(content().string(org.hamcrest.Matchers.not(containsString("check what you entered"))));
		}
		finally {
			release.countDown();
			other.join(10_000);
		}
		assertThat(credentials.check(email, PageTestAccounts.PASSWORD).outcome()).isEqualTo(CredentialCheck.Outcome.VALID);
	}

	@Test
	void marksAWrongCurrentPassword() throws Exception {
		String email = PageTestAccounts.randomEmail();
		AccountId id = testAccounts.verified(email);
		mvc.perform(post("/account/password").with(user(id.toString())).with(csrf())
				.param("currentPassword", "wrong guess of a password").param("newPassword", NEW_PASSWORD))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("<a href=\"#currentPassword\">Your current password is not correct.</a>")))
				.andExpect(content().string(containsString("aria-invalid=\"true\" aria-describedby=\"currentPassword-error\"")));
		assertThat(credentials.check(email, PageTestAccounts.PASSWORD).outcome()).isEqualTo(CredentialCheck.Outcome.VALID);
	}

	@Test
	void turnsTwoStepSignInOffWithThePassword() throws Exception {
		AccountId id = testAccounts.verified(PageTestAccounts.randomEmail());
		String secret = credentials.startTotp(id).secret();
		credentials.confirmTotp(id, Totp.code(secret, Totp.stepAt(Instant.now())));
		mvc.perform(get("/account/security").with(user(id.toString())))
				.andExpect(content().string(containsString("<strong>10</strong> unused recovery codes")));

		mvc.perform(post("/account/totp/remove").with(user(id.toString())).with(csrf()).param("currentPassword", "nope"))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("Your current password is not correct.")));
		mvc.perform(post("/account/totp/remove").with(user(id.toString())).with(csrf())
				.param("currentPassword", PageTestAccounts.PASSWORD))
				.andExpect(redirectedUrl("/account/security"));
		assertThat(credentials.remainingRecoveryCodes(id)).isZero();
		mvc.perform(get("/account/security").with(user(id.toString())))
				.andExpect(content().string(containsString("Two-step sign-in is <strong>off</strong>")));
	}
}
