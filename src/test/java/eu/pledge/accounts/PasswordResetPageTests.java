package eu.pledge.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class PasswordResetPageTests {

	private static final String SAME_NOTICE = "If this address has an account, a reset link is on its way. It works for 30 minutes.";
	private static final String NEW_PASSWORD = "another long and fresh passphrase";

	@Autowired
	MockMvc mvc;

	@Autowired
	Credentials credentials;

	@Autowired
	PageTestAccounts testAccounts;

	@Test
	void answersTheSameForKnownAndUnknownAddresses() throws Exception {
		String known = PageTestAccounts.randomEmail();
		testAccounts.verified(known);
		for (String email : new String[] { known, PageTestAccounts.randomEmail() }) {
			mvc.perform(post("/password-reset").with(csrf()).param("email", email))
					.andExpect(redirectedUrl("/password-reset"))
					.andExpect(flash().attribute("notice", SAME_NOTICE));
		}
	}

	@Test
	void aRejectedPasswordKeepsTheLinkUsable() throws Exception {
		String email = PageTestAccounts.randomEmail();
		testAccounts.verified(email);
		credentials.requestPasswordReset(email);
		String token = testAccounts.linkToken(email, "/password-reset/confirm");

		mvc.perform(get("/password-reset/confirm").param("token", token))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("value=\"" + token + "\"")));
		mvc.perform(post("/password-reset/confirm").with(csrf()).param("token", token).param("password", "too short"))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("Use at least 12 characters.")))
				.andExpect(content().string(containsString("aria-describedby=\"password-hint password-error\"")))
				.andExpect(content().string(containsString("value=\"" + token + "\"")));
		mvc.perform(post("/password-reset/confirm").with(csrf()).param("token", token).param("password", NEW_PASSWORD))
				.andExpect(redirectedUrl("/login"))
				.andExpect(flash().attribute("notice",
						"Your password was changed and you were signed out everywhere. Sign in with the new one."));
		assertThat(credentials.check(email, NEW_PASSWORD).outcome()).isEqualTo(CredentialCheck.Outcome.VALID);

		mvc.perform(post("/password-reset/confirm").with(csrf()).param("token", token).param("password", NEW_PASSWORD))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("This link is invalid")))
				.andExpect(content().string(containsString("Ask for a new link")));
	}

	@Test
	void asksForTheAddress() throws Exception {
		mvc.perform(post("/password-reset").with(csrf()).param("email", ""))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("aria-invalid=\"true\" aria-describedby=\"email-error\"")));
	}
}
