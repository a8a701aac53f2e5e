package eu.pledge.accounts;

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
class VerificationPageTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	PageTestAccounts testAccounts;

	@Test
	void openingTheLinkShowsAButtonAndSpendsNothing() throws Exception {
		String token = registeredToken();
		for (int fetch = 0; fetch < 2; fetch++) { // a mail scanner first, then the person
			mvc.perform(get("/verify").param("token", token))
					.andExpect(status().isOk())
					.andExpect(content().string(containsString("Confirm my email address")))
					.andExpect(content().string(containsString("name=\"token\" value=\"" + token + "\"")));
		}
		mvc.perform(post("/verify").with(csrf()).param("token", token))
				.andExpect(redirectedUrl("/login"))
				.andExpect(flash().attribute("notice", "Your email address is confirmed. You can sign in now."));
	}

	@Test
	void aSpentLinkShowsTheErrorWithTheWayForward() throws Exception {
		String token = registeredToken();
		mvc.perform(post("/verify").with(csrf()).param("token", token)).andExpect(redirectedUrl("/login"));
		mvc.perform(post("/verify").with(csrf()).param("token", token))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("This link is invalid, was already used or has expired.")))
				.andExpect(content().string(containsString("href=\"/register\"")))
				.andExpect(content().string(containsString("href=\"/password-reset\"")));
	}

	@Test
	void aLinkWithoutTokenSaysItIsIncomplete() throws Exception {
		mvc.perform(get("/verify"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("This link is incomplete")));
	}

	private String registeredToken() {
		String email = PageTestAccounts.randomEmail();
		accounts.register(new Registration("Ada Lovelace", email, PageTestAccounts.PASSWORD,
				new PostalAddress("1 St James's Square", "SW1Y 4JH", "London", "United Kingdom")));
		return testAccounts.linkToken(email, "/verify");
	}
}
