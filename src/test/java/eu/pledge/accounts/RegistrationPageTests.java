package eu.pledge.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class RegistrationPageTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	PageTestAccounts testAccounts;

	@Test
	void showsTheFormWithLabelledFields() throws Exception {
		mvc.perform(get("/register"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("<label for=\"email\">")))
				.andExpect(content().string(containsString("At least 12 characters")));
	}

	@Test
	void registersAndShowsTheMailboxPage() throws Exception {
		String email = PageTestAccounts.randomEmail();
		mvc.perform(registration(email, PageTestAccounts.PASSWORD))
				.andExpect(redirectedUrl("/register?sent"));
		mvc.perform(get("/register").param("sent", ""))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Check your mailbox")));
		assertThat(testAccounts.linkToken(email, "/verify")).isNotBlank();
	}

	@Test
	void answersATakenAddressLikeANewOne() throws Exception {
		String email = PageTestAccounts.randomEmail();
		testAccounts.verified(email);
		mvc.perform(registration(email, PageTestAccounts.PASSWORD))
				.andExpect(redirectedUrl("/register?sent"));
	}

	@Test
	void redisplaysABadEmailWithTheFieldMarkedAndTheValuesKept() throws Exception {
		mvc.perform(registration("not-an-address", "a secret that is long enough"))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("class=\"error-summary\"")))
				.andExpect(content().string(containsString("aria-invalid=\"true\" aria-describedby=\"email-error\"")))
				.andExpect(content().string(containsString("id=\"email-error\"")))
				.andExpect(content().string(containsString("Enter an email address like name@example.com.")))
				.andExpect(content().string(containsString("value=\"Grace Hopper\"")))
				.andExpect(content().string(containsString("value=\"not-an-address\"")))
				.andExpect(content().string(not(containsString("a secret that is long enough"))));
	}

	@Test
	void redisplaysMissingFieldsFromBeanValidation() throws Exception {
		mvc.perform(post("/register").with(csrf()).param("email", PageTestAccounts.randomEmail()))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("Enter your name.")))
				.andExpect(content().string(containsString("Enter the city.")));
	}

	@Test
	void marksATooShortPassword() throws Exception {
		mvc.perform(registration(PageTestAccounts.randomEmail(), "short"))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("aria-describedby=\"password-hint password-error\"")))
				.andExpect(content().string(containsString("Use at least 12 characters.")));
	}

	private static MockHttpServletRequestBuilder registration(String email, String password) {
		return post("/register").with(csrf()).param("name", "Grace Hopper").param("email", email)
				.param("password", password).param("street", "1 Main Street").param("postalCode", "12345")
				.param("city", "Arlington").param("country", "United States");
	}
}
