package eu.pledge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.People;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Problem JSON has one shape, whoever writes it: a servlet filter, or Spring MVC for the API (ApiProblems). */
class ProblemsTests extends HttpTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	Problems problems;

	@Test
	void aFilterRefusalWhoseDetailHoldsQuotesAndBackslashesIsValidJson() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		String detail = "Say \"no\" to C:\\temp\\ and </script>\n, please.";
		problems.write(new MockHttpServletRequest("POST", "/api/v1/me"), response, HttpStatus.FORBIDDEN, detail);

		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getContentType()).startsWith("application/problem+json");
		JsonNode problem = JSON.readTree(response.getContentAsByteArray());
		assertThat(problem.get("detail").asString()).isEqualTo(detail);
		assertThat(problem.get("title").asString()).isEqualTo("Forbidden");
		assertThat(problem.get("status").asInt()).isEqualTo(403);
		assertThat(fields(problem)).as("type about:blank goes without saying (RFC 9457), as Spring MVC writes it")
				.containsExactly("detail", "status", "title");
	}

	@Test
	void filterAndApiRefusalsHaveOneShape() {
		ApiClient.Response fromFilter = client().get("/api/v1/me/sessions"); // the security chain's entry point
		assertThat(fromFilter.status()).isEqualTo(401);
		assertThat(fromFilter.header("Content-Type")).startsWith("application/problem+json");
		assertThat(fields(fromFilter.json())).containsExactly("detail", "status", "title");

		Map<String, Object> body = new HashMap<>(People.registration(randomEmail()));
		body.put("password", "1q2w3e4r5t6y"); // refused by the facade: a Rejected naming the field
		ApiClient.Response fromApi = client().post("/api/v1/accounts", body);
		assertThat(fromApi.status()).isEqualTo(400);
		assertThat(fromApi.header("Content-Type")).startsWith("application/problem+json");
		assertThat(fields(fromApi.json())).containsExactly("detail", "errors", "instance", "status", "title");
		assertThat(fromApi.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
		assertThat(fromApi.json().get("errors").get(0).get("message").asString())
				.isEqualTo(fromApi.json().get("detail").asString());
	}

	private static Set<String> fields(JsonNode problem) {
		return new TreeSet<>(problem.propertyNames());
	}
}
