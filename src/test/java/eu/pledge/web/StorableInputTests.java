package eu.pledge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import eu.pledge.testing.People;
import eu.pledge.testing.ApiClient;

/**
 * Issue 11: text and instants that one database stores and the other refuses are refused by the API before
 * either sees them, with the field named, on H2 and PostgreSQL alike. Never a 500.
 */
class StorableInputTests extends StorableInputFixture {

	/** A call that takes {@code field}; {@code anyScript}: a right-to-left mark in it must be accepted. */
	record TextCall(String method, String path, Map<String, Object> body, String field, boolean anyScript) {
	}

	record InstantCall(String method, String path, Map<String, Object> body, String field) {
	}

	@Test
	void auditSearchRefusesATimeNoDatabaseStoresNamingTheParameter() {
		ApiClient person = client();
		signedInAccount(person);
		ApiClient admin = admin();
		List<String> values = new ArrayList<>(REFUSED_INSTANTS);
		values.addAll(UNREADABLE_INSTANTS);
		for (String search : List.of("/api/v1/me/audit", "/api/v1/admin/audit")) {
			ApiClient client = search.contains("admin") ? admin : person;
			for (String parameter : List.of("from", "to")) {
				for (String value : values) {
					ApiClient.Response response = client.get(search + "?" + parameter + "=" + URLEncoder.encode(value,
							StandardCharsets.UTF_8));
					assertThat(response.status()).as(search + " " + parameter + "=" + value + ": " + response.body())
							.isEqualTo(400);
					assertThat(fields(response)).as(search + " " + parameter + "=" + value).containsExactly(parameter);
				}
			}
			for (long micros : List.of(Long.MAX_VALUE, Long.MIN_VALUE, 253_402_300_800_000_000L, -1L)) {
				String cursor = Base64.getUrlEncoder().withoutPadding()
						.encodeToString(("1:" + micros + ":1").getBytes(StandardCharsets.US_ASCII));
				ApiClient.Response response = client.get(search + "?cursor=" + cursor);
				assertThat(response.status()).as(search + " cursor at " + micros + ": " + response.body()).isEqualTo(400);
				assertThat(fields(response)).containsExactly("cursor");
			}
			assertThat(client.get(search + "?from=1970-01-01&to=9999-12-31").status()).as("the range's ends").isEqualTo(200);
		}
	}

	@Test
	void anOrganisationNameWithNulIsRefusedNamingTheField() {
		ApiClient admin = admin();
		ApiClient.Response refused = admin.post("/api/v1/admin/organizations", Map.of("name", "Acme\u0000 Ltd"));
		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		assertThat(fields(refused)).containsExactly("name");
		String organization = organization(admin);
		ApiClient.Response renamed = admin.patch("/api/v1/admin/organizations/" + organization, Map.of("name", "\u0000"));
		assertThat(renamed.status()).as(renamed.body()).isEqualTo(400);
		assertThat(fields(renamed)).containsExactly("name");
		assertThat(admin.post("/api/v1/admin/organizations", Map.of("name", RIGHT_TO_LEFT + " Ltd")).status())
				.as("any script, right-to-left marks included").isEqualTo(201);
	}

	@Test
	void aContractEndingInTheYear300000IsRefusedNamingTheField() {
		ApiClient admin = admin();
		String organization = organization(admin);
		ApiClient.Response refused = admin.post("/api/v1/admin/organizations/" + organization + "/contracts",
				Map.of("startsAt", "2026-01-01T00:00:00Z", "endsAt", "+300000-01-01T00:00:00Z", "seats", 5, "systems",
						Map.of("crm", "editor")));
		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		assertThat(fields(refused)).containsExactly("endsAt");
		assertThat(refused.json().get("errors").get(0).get("message").asString()).contains("9999");
		String contract = contract(admin, organization);
		ApiClient.Response extended = admin.patch("/api/v1/admin/contracts/" + contract,
				Map.of("endsAt", "+300000-01-01T00:00:00Z"));
		assertThat(extended.status()).as(extended.body()).isEqualTo(400);
		assertThat(fields(extended)).containsExactly("endsAt");
	}

	@Test
	void everyTextFieldRefusesNulAndBrokenCharactersTakesRightToLeftMarksAndNamesTheField() {
		ApiClient admin = admin();
		ApiClient person = client();
		signedInAccount(person);
		String organization = organization(admin);
		contract(admin, organization);
		long issue = issue(admin);
		String request = admin.post("/api/v1/admin/requests", Map.of("type", "access", "contactEmail", "a@example.org"))
				.json().get("id").asString();
		Map<String, Object> address = Map.of("street", "Ockham Street 1", "postalCode", "1000", "city", "Brussels",
				"country", "BE");
		List<TextCall> calls = new ArrayList<>();
		for (String field : List.of("name", "email", "address.street", "address.postalCode", "address.city",
				"address.country")) {
			calls.add(new TextCall("POST", "/api/v1/accounts", People.registration(randomEmail()), field,
					!field.equals("email")));
		}
		for (String field : List.of("name", "address.street", "address.postalCode", "address.city", "address.country")) {
			calls.add(new TextCall("PATCH", "/api/v1/me", Map.of("name", "Ada", "address", address), field, true));
		}
		calls.add(new TextCall("POST", "/api/v1/me/email", Map.of("email", randomEmail(), "currentPassword",
				People.PASSWORD), "email", false));
		calls.add(new TextCall("POST", "/api/v1/admin/organizations", Map.of("name", "Acme"), "name", true));
		calls.add(new TextCall("PATCH", "/api/v1/admin/organizations/" + organization, Map.of("name", "Acme"), "name",
				true));
		calls.add(new TextCall("POST", "/api/v1/organizations/" + organization + "/invitations",
				Map.of("email", randomEmail(), "role", "member"), "email", false));
		for (String field : List.of("name", "email", "message")) {
			calls.add(new TextCall("POST", "/api/v1/contact", Map.of("name", "Ada", "email", "ada@example.org", "message",
					"Hello", "challenge", "x", "answer", "1", "website", ""), field, !field.equals("email")));
		}
		calls.add(new TextCall("POST", "/api/v1/admin/requests", Map.of("type", "access", "contactEmail", "a@example.org",
				"note", "Called us"), "contactEmail", false));
		calls.add(new TextCall("POST", "/api/v1/admin/requests", Map.of("type", "access", "contactEmail", "a@example.org",
				"note", "Called us"), "note", true));
		calls.add(new TextCall("PATCH", "/api/v1/admin/requests/" + request, Map.of("note", "Called again"), "note", true));
		calls.add(new TextCall("PATCH", "/api/v1/admin/requests/" + request, Map.of("status", "extended", "reason",
				"Many systems"), "reason", true));
		calls.add(new TextCall("POST", "/api/v1/admin/issues/" + issue + "/comments", Map.of("body", "Looking"), "body",
				true));
		calls.add(new TextCall("PATCH", "/api/v1/admin/issues/" + issue, Map.of("assignee", "x"), "assignee", false));
		calls.add(new TextCall("POST", "/api/v1/admin/error-projects", Map.of("name", "Shop", "slug",
				"t-" + System.nanoTime()), "name", true));
		for (TextCall call : calls) {
			// the public calls from a fresh address each time, below the contact form's limit per address
			boolean open = call.path().equals("/api/v1/accounts") || call.path().equals("/api/v1/contact");
			java.util.function.Supplier<ApiClient> caller = () -> open ? client()
					: call.path().startsWith("/api/v1/me") ? person : admin;
			boolean email = call.field().toLowerCase(java.util.Locale.ROOT).endsWith("email");
			REFUSED_TEXT.forEach((what, value) -> {
				ApiClient.Response response = caller.get().send(call.method(), call.path(),
						json(with(call.body(), call.field(), email ? value + "@example.org" : value)), Map.of());
				String as = call.method() + " " + call.path() + " with " + what + " in " + call.field() + ": " + response.body();
				assertThat(response.status()).as(as).isEqualTo(400);
				assertThat(fields(response)).as(as).contains(call.field());
			});
			ApiClient.Response rtl = caller.get().send(call.method(), call.path(),
					json(with(call.body(), call.field(), email ? RIGHT_TO_LEFT + "a@example.org" : RIGHT_TO_LEFT)), Map.of());
			String as = call.method() + " " + call.path() + " with a right-to-left mark in " + call.field() + ": " + rtl.body();
			assertThat(rtl.status()).as(as).isLessThan(500);
			if (call.anyScript()) {
				assertThat(fields(rtl)).as(as).doesNotContain(call.field());
			}
			ApiClient.Response huge = caller.get().send(call.method(), call.path(), with(call.body(), call.field(), HUGE),
					Map.of());
			assertThat(huge.status()).as(call.method() + " " + call.path() + " with 70,000 characters in " + call.field())
					.isEqualTo(413);
		}
		assertThat(person.get("/api/v1/me").status()).as("still signed in and well").isEqualTo(200);
	}

	@Test
	void everyInstantRefusesTimesOutsideTheProductsRangeNamingTheField() {
		ApiClient admin = admin();
		ApiClient person = client();
		signedInAccount(person);
		String organization = organization(admin);
		String contract = contract(admin, organization);
		long issue = issue(admin);
		Map<String, Object> newContract = Map.of("startsAt", "2026-01-01T00:00:00Z", "endsAt", "2027-01-01T00:00:00Z",
				"seats", 5, "systems", Map.of("crm", "editor"));
		List<InstantCall> calls = List.of(
				new InstantCall("POST", "/api/v1/admin/organizations/" + organization + "/contracts", newContract, "startsAt"),
				new InstantCall("POST", "/api/v1/admin/organizations/" + organization + "/contracts", newContract, "endsAt"),
				new InstantCall("PATCH", "/api/v1/admin/contracts/" + contract, Map.of(), "startsAt"),
				new InstantCall("PATCH", "/api/v1/admin/contracts/" + contract, Map.of(), "endsAt"),
				new InstantCall("POST", "/api/v1/me/restriction", Map.of(), "until"),
				new InstantCall("PATCH", "/api/v1/admin/issues/" + issue, Map.of("status", "ignored"), "ignoreUntil"),
				new InstantCall("POST", "/api/v1/admin/requests", Map.of("type", "access", "contactEmail", "a@example.org"),
						"receivedOn"));
		List<Object> values = new ArrayList<>(REFUSED_INSTANTS);
		values.addAll(UNREADABLE_INSTANTS);
		values.addAll(List.of("+300000-01-01", "-4800-01-01", 1e18, -1e18, 9.3e18));
		for (InstantCall call : calls) {
			ApiClient client = call.path().startsWith("/api/v1/me") ? person : admin;
			for (Object value : values) {
				ApiClient.Response response = client.send(call.method(), call.path(), with(call.body(), call.field(), value),
						Map.of());
				String as = call.method() + " " + call.path() + " with " + call.field() + " = " + value + ": " + response.body();
				assertThat(response.status()).as(as).isEqualTo(400);
				assertThat(fields(response)).as(as).containsExactly(call.field());
			}
		}
		assertThat(person.get("/api/v1/me/data").json().get("restriction")).as("nothing was restricted").isNull();
	}
}
