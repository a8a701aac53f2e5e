package eu.pledge.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
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

import eu.pledge.shared.AccountId;

@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class EmailChangePageTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	PageTestAccounts testAccounts;

	@Test
	void marksAWrongCurrentPasswordAndKeepsTheNewAddress() throws Exception {
		AccountId id = testAccounts.verified(PageTestAccounts.randomEmail());
		String newEmail = PageTestAccounts.randomEmail();
		mvc.perform(post("/account/email").with(user(id.toString())).with(csrf()).param("email", newEmail)
				.param("currentPassword", "not the password at all"))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("Your current password is not correct.")))
				.andExpect(content().string(containsString("aria-describedby=\"currentPassword-hint currentPassword-error\"")))
				.andExpect(content().string(containsString("value=\"" + newEmail + "\"")))
				.andExpect(content().string(not(containsString("not the password at all"))));
	}

	@Test
	void changesTheAddressOnlyWhenTheLinkIsConfirmed() throws Exception {
		AccountId id = testAccounts.verified(PageTestAccounts.randomEmail());
		String newEmail = PageTestAccounts.randomEmail();
		mvc.perform(post("/account/email").with(user(id.toString())).with(csrf()).param("email", newEmail)
				.param("currentPassword", PageTestAccounts.PASSWORD))
				.andExpect(redirectedUrl("/account"))
				.andExpect(flash().attribute("notice", containsString("We sent a link to the new address")));
		String token = testAccounts.linkToken(newEmail, "/email/confirm");

		mvc.perform(get("/email/confirm").param("token", token))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Confirm my new email address")));
		assertThat(accounts.profile(id).email()).isNotEqualTo(newEmail);

		mvc.perform(post("/email/confirm").with(csrf()).param("token", token))
				.andExpect(redirectedUrl("/login"))
				.andExpect(flash().attribute("notice", containsString("Your email address is changed.")));
		assertThat(accounts.profile(id).email()).isEqualTo(newEmail);

		String another = PageTestAccounts.randomEmail();
		mvc.perform(post("/account/email").with(user(id.toString())).with(csrf()).param("email", another)
				.param("currentPassword", PageTestAccounts.PASSWORD))
				.andExpect(status().isTooManyRequests())
				.andExpect(content().string(containsString("A confirmation link was mailed less than a minute ago.")))
				.andExpect(content().string(containsString("value=\"" + another + "\"")));
	}

	@Test
	void sendsASignedInPersonBackToTheProfile() throws Exception {
		AccountId id = testAccounts.verified(PageTestAccounts.randomEmail());
		String newEmail = PageTestAccounts.randomEmail();
		accounts.requestEmailChange(id, newEmail, PageTestAccounts.PASSWORD);
		mvc.perform(post("/email/confirm").with(user(id.toString())).with(csrf())
				.param("token", testAccounts.linkToken(newEmail, "/email/confirm")))
				.andExpect(redirectedUrl("/account"));
	}

	@Test
	void aWrongLinkShowsTheError() throws Exception {
		mvc.perform(post("/email/confirm").with(csrf()).param("token", "no-such-token"))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("This link is invalid")));
	}
}
