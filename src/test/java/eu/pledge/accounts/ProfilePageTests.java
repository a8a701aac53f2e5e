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
class ProfilePageTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	PageTestAccounts testAccounts;

	@Test
	void sendsStrangersToSignIn() throws Exception {
		mvc.perform(get("/account")).andExpect(status().is3xxRedirection())
				.andExpect(redirectedUrl("/login?continue=%2Faccount"));
	}

	@Test
	void answersAnErasedAccountWithAPageNotAServerError() throws Exception {
		mvc.perform(get("/account").with(user(AccountId.random().toString())))
				.andExpect(status().isNotFound())
				.andExpect(content().string(containsString("This account no longer exists.")))
				.andExpect(content().string(containsString("<h1>Not available</h1>")))
				.andExpect(content().string(containsString("<a href=\"/\">Back to the start page</a>")));
	}

	@Test
	void showsTheProfile() throws Exception {
		String email = PageTestAccounts.randomEmail();
		AccountId id = testAccounts.verified(email);
		mvc.perform(get("/account").with(user(id.toString())))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString(email)))
				.andExpect(content().string(containsString("value=\"Ada Lovelace\"")))
				.andExpect(content().string(containsString("<label for=\"postalCode\">")));
	}

	@Test
	void savesACorrection() throws Exception {
		AccountId id = testAccounts.verified(PageTestAccounts.randomEmail());
		mvc.perform(post("/account").with(user(id.toString())).with(csrf()).param("name", "Ada King")
				.param("street", " 12 Curzon Street ").param("postalCode", "W1J 5HN").param("city", "London")
				.param("country", "United Kingdom"))
				.andExpect(redirectedUrl("/account"))
				.andExpect(flash().attribute("notice", "Your profile is saved."));
		Profile profile = accounts.profile(id);
		assertThat(profile.name()).isEqualTo("Ada King");
		assertThat(profile.address()).isEqualTo(new PostalAddress("12 Curzon Street", "W1J 5HN", "London", "United Kingdom"));
	}

	@Test
	void redisplaysABlankNameWithTheOtherValuesKept() throws Exception {
		AccountId id = testAccounts.verified(PageTestAccounts.randomEmail());
		mvc.perform(post("/account").with(user(id.toString())).with(csrf()).param("name", " ")
				.param("street", "12 Curzon Street").param("postalCode", "W1J 5HN").param("city", "London")
				.param("country", "United Kingdom"))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("aria-invalid=\"true\" aria-describedby=\"name-error\"")))
				.andExpect(content().string(containsString("<a href=\"#name\">Enter your name.</a>")))
				.andExpect(content().string(containsString("value=\"12 Curzon Street\"")));
		assertThat(accounts.profile(id).name()).isEqualTo("Ada Lovelace");
	}
}
