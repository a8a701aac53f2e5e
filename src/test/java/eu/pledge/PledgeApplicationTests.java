package eu.pledge;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
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
class PledgeApplicationTests {

	@Autowired
	MockMvc mvc;

	@Test
	void startsAndServesTheFrontPageWithSecurityHeaders() throws Exception {
		mvc.perform(get("/"))
				.andExpect(status().isOk())
				.andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("default-src 'self'")))
				.andExpect(header().string("Referrer-Policy", "same-origin"))
				.andExpect(header().string("X-Content-Type-Options", "nosniff"));
	}
}
