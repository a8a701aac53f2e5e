package eu.pledge.errors.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import eu.pledge.testing.ApiClient;

/** Pick, don't type: an issue's assignee and merge target are chosen from lists, and the assignee shown by name. */
class IssuePickersTests extends ErrorsHttpTest {

	@Test
	void theAssigneeIsPickedFromTheAdministratorsAndShownAsYouOrByName() {
		ApiClient admin = admin();
		long id = tracker.capture(message(unique("Picker"), "1.0.0")).issueId();
		long other = tracker.capture(message(unique("Other"), "1.0.0")).issueId();
		String me = admin.get("/api/v1/me").json().get("id").asString();

		String page = admin.get("/admin/errors/" + id).body();
		assertThat(page).contains("<select id=\"assignee\"").contains("<option value=\"" + me + "\">you</option>")
				.contains("<select id=\"into\"").contains("value=\"" + other + "\"").doesNotContain("account id");

		assertThat(admin.patch("/api/v1/admin/issues/" + id, Map.of("assignee", me)).status()).isEqualTo(200);
		String assigned = admin.get("/admin/errors/" + id).body();
		assertThat(assigned).contains("<dt>Assignee</dt><dd>you</dd>")
				.contains("<option value=\"" + me + "\" selected=\"selected\">you</option>");
	}
}
