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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import eu.pledge.shared.AccountId;

@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class TotpEnrolmentPageTests {

	private static final Pattern QR_IMG = Pattern.compile("<img class=\"qr\" src=\"data:image/png;base64,[A-Za-z0-9+/=]+\" alt=\"QR code for your authenticator app\">");

	@Autowired
	MockMvc mvc;

	@Autowired
	Credentials credentials;

	@Autowired
	PageTestAccounts testAccounts;

	@Test
	void setsUpWithTheQrCodeAndListsTheRecoveryCodesOnce() throws Exception {
		AccountId id = testAccounts.verified(PageTestAccounts.randomEmail());
		RequestPostProcessor person = user(id.toString());
		mvc.perform(post("/account/totp").with(person).with(csrf())).andExpect(redirectedUrl("/account/totp"));
		String page = mvc.perform(get("/account/totp").with(person))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("<label for=\"code\">")))
				.andReturn().getResponse().getContentAsString();
		assertThat(QR_IMG.matcher(page).find()).as("QR code image").isTrue();
		String secret = credentials.pendingTotp(id).orElseThrow().secret();
		assertThat(page).contains(secret.substring(0, 4) + " " + secret.substring(4, 8));

		String codes = mvc.perform(post("/account/totp/confirm").with(person).with(csrf())
				.param("code", Totp.code(secret, Totp.stepAt(Instant.now()))))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Store these codes now")))
				.andReturn().getResponse().getContentAsString();
		Matcher item = Pattern.compile("<li>[^<]+</li>").matcher(codes.substring(codes.indexOf("class=\"codes\"")));
		int listed = 0;
		while (item.find()) {
			listed++;
		}
		assertThat(listed).isEqualTo(10);
		assertThat(credentials.remainingRecoveryCodes(id)).isEqualTo(10);
		mvc.perform(get("/account/totp").with(person)).andExpect(redirectedUrl("/account/security"));
	}

	@Test
	void aWrongCodeKeepsTheSameSecretOnThePage() throws Exception {
		AccountId id = testAccounts.verified(PageTestAccounts.randomEmail());
		String secret = credentials.startTotp(id).secret();
		String wrong = Totp.code(secret, Totp.stepAt(Instant.now()) + 5);
		mvc.perform(post("/account/totp/confirm").with(user(id.toString())).with(csrf()).param("code", wrong))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("This code does not match.")))
				.andExpect(content().string(containsString("aria-invalid=\"true\" aria-describedby=\"code-error\"")))
				.andExpect(content().string(containsString("class=\"qr\"")));
		assertThat(credentials.pendingTotp(id).orElseThrow().secret()).isEqualTo(secret);
	}

	@Test
	void refusesASecondSetUpWhileOn() throws Exception {
		AccountId id = testAccounts.verified(PageTestAccounts.randomEmail());
		String secret = credentials.startTotp(id).secret();
		credentials.confirmTotp(id, Totp.code(secret, Totp.stepAt(Instant.now())));
		mvc.perform(post("/account/totp").with(user(id.toString())).with(csrf()))
				.andExpect(redirectedUrl("/account/security"))
				.andExpect(flash().attribute("error", containsString("already on")));
	}
}
