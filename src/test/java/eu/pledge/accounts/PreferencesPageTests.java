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
class PreferencesPageTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Preferences preferences;

	@Test
	void showsTheDefaults() throws Exception {
		mvc.perform(get("/account/preferences").with(user(AccountId.random().toString())))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("<option value=\"/\" selected=\"selected\">Home: your systems, activity and security</option>")))
				.andExpect(content().string(containsString("data-browser-default=\"yes\"")))
				.andExpect(content().string(containsString("<option value=\"Europe/Brussels\">Europe/Brussels</option>")));
	}

	@Test
	void savesTheHomePageAndTheTimeZone() throws Exception {
		AccountId id = AccountId.random();
		mvc.perform(post("/account/preferences").with(user(id.toString())).with(csrf())
				.param("homePage", "/").param("timeZone", "America/New_York"))
				.andExpect(redirectedUrl("/account/preferences"))
				.andExpect(flash().attribute("notice", "Your preferences are saved."));
		assertThat(preferences.of(id)).isEqualTo(new PreferenceSettings("/", "America/New_York"));
		mvc.perform(get("/account/preferences").with(user(id.toString())))
				.andExpect(content().string(containsString("<option value=\"America/New_York\" selected=\"selected\">")))
				.andExpect(content().string(org.hamcrest.Matchers.not(containsString("data-browser-default"))));
	}

	@Test
	void refusesTamperedValuesWithoutSaving() throws Exception {
		AccountId id = AccountId.random();
		mvc.perform(post("/account/preferences").with(user(id.toString())).with(csrf())
				.param("homePage", "https://evil.example").param("timeZone", "Mars/Olympus"))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("Choose one of the listed pages.")));
		mvc.perform(post("/account/preferences").with(user(id.toString())).with(csrf())
				.param("homePage", "/account").param("timeZone", "Mars/Olympus"))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("Choose a time zone from the list.")));
		assertThat(preferences.of(id)).isEqualTo(PreferenceSettings.defaults());
	}
}
