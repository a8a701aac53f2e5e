package eu.pledge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import eu.pledge.testing.ApiClient;

/**
 * Issue 11 on the pages: a form holding text or a time no database stores comes back with the field marked and
 * the reason said, on H2 and PostgreSQL alike; never an error page.
 */
class StorableInputPageTests extends StorableInputFixture {

	/** A form on {@code page} posting to {@code action}; {@code valid} fills the other fields. */
	record Form(String page, String action, Map<String, String> valid, String field) {
	}

	private static final List<String> REFUSED_IN_FORMS = List.of("a\u0000b", "a\u0007b");

	@Test
	void formsHoldingTextNoDatabaseStoresComeBackWithTheFieldMarked() {
		ApiClient admin = admin();
		ApiClient person = client();
		signedInAccount(person);
		String organization = organization(admin);
		contract(admin, organization);
		long issue = issue(admin);
		String request = admin.post("/api/v1/admin/requests", Map.of("type", "access", "contactEmail", "a@example.org"))
				.json().get("id").asString();
		Map<String, String> registration = Map.of("name", "Ada", "email", randomEmail(), "password",
				"correct horse battery staple", "street", "Ockham Street 1", "postalCode", "1000", "city", "Brussels",
				"country", "BE");
		Map<String, String> profile = Map.of("name", "Ada", "street", "Ockham Street 1", "postalCode", "1000", "city",
				"Brussels", "country", "BE");
		List<Form> forms = new java.util.ArrayList<>();
		for (String field : List.of("name", "email", "street", "postalCode", "city", "country")) {
			forms.add(new Form("/register", "/register", registration, field));
		}
		for (String field : profile.keySet()) {
			forms.add(new Form("/account", "/account", profile, field));
		}
		forms.add(new Form("/account/email", "/account/email", Map.of("email", "x@example.org", "currentPassword",
				"correct horse battery staple"), "email"));
		for (String field : List.of("name", "email", "message")) {
			forms.add(new Form("/contact", "/contact", Map.of("name", "Ada", "email", "ada@example.org", "message", "Hello",
					"answer", "1"), field));
		}
		forms.add(new Form("/admin/organizations", "/admin/organizations", Map.of("name", "Acme"), "name"));
		String console = "/admin/organizations/" + organization;
		forms.add(new Form(console, console, Map.of("name", "Acme", "status", "ACTIVE"), "name"));
		forms.add(new Form(console, "/organizations/" + organization + "/invitations", Map.of("email", "x@example.org",
				"role", "MEMBER"), "email"));
		forms.add(new Form("/admin/requests", "/admin/requests", Map.of("type", "access", "contactEmail", "a@example.org",
				"note", "Called"), "contactEmail"));
		forms.add(new Form("/admin/requests", "/admin/requests", Map.of("type", "access", "contactEmail", "a@example.org",
				"note", "Called"), "note"));
		forms.add(new Form("/admin/requests/" + request, "/admin/requests/" + request, Map.of("note", "Again"), "note"));
		forms.add(new Form("/admin/requests/" + request, "/admin/requests/" + request, Map.of("status", "extended",
				"reason", "Many systems"), "reason"));
		forms.add(new Form("/admin/errors/" + issue, "/admin/errors/" + issue + "/comments", Map.of("body", "Looking"),
				"body"));
		forms.add(new Form("/admin/error-projects", "/admin/error-projects", Map.of("name", "Shop", "slug", "x"), "name"));
		for (Form form : forms) {
			boolean open = form.page().equals("/register") || form.page().equals("/contact");
			for (String value : REFUSED_IN_FORMS) {
				ApiClient client = open ? client() : form.page().startsWith("/account") ? person : admin;
				Map<String, String> fields = new LinkedHashMap<>(form.valid());
				fields.put(form.field(), form.field().toLowerCase(java.util.Locale.ROOT).endsWith("email")
						? value + "@example.org" : value);
				assertMarked(client, form, fields);
			}
		}
	}

	@Test
	void formsHoldingATimeNoDatabaseStoresComeBackWithTheFieldMarked() {
		ApiClient admin = admin();
		ApiClient person = client();
		signedInAccount(person);
		String organization = organization(admin);
		long issue = issue(admin);
		String console = "/admin/organizations/" + organization;
		Map<String, String> contract = Map.of("startsAt", "2026-01-01", "endsAt", "2027-01-01", "seats", "5",
				"system.crm", "editor");
		List<Form> forms = List.of(new Form(console, console + "/contracts", contract, "startsAt"),
				new Form(console, console + "/contracts", contract, "endsAt"),
				new Form("/account/data", "/account/data/restriction", Map.of(), "until"),
				new Form("/admin/errors/" + issue, "/admin/errors/" + issue + "/status", Map.of("status", "ignored"),
						"ignoreUntil"));
		for (Form form : forms) {
			ApiClient client = form.page().startsWith("/account") ? person : admin;
			for (String value : List.of("+300000-01-01", "-4800-01-01", "+300000-01-01T00:00:00Z", "1969-12-31T23:59:59Z")) {
				if (form.action().endsWith("/contracts") && value.contains("T")) {
					continue; // a date field
				}
				Map<String, String> fields = new LinkedHashMap<>(form.valid());
				fields.put(form.field(), value);
				assertMarked(client, form, fields);
			}
		}
		for (String search : List.of("/admin/audit", "/account/audit")) {
			ApiClient client = search.startsWith("/admin") ? admin : person;
			for (String value : REFUSED_INSTANTS) {
				ApiClient.Response response = page(client, search + "?from=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
				assertThat(response.status()).as(search + "?from=" + value).isEqualTo(400);
				assertThat(response.body()).contains("9999");
				if (search.startsWith("/admin")) {
					assertThat(marked(response.body(), "from")).as(search + "?from=" + value).isTrue();
				}
			}
		}
	}

	/** Posts the form; the answer (or the page a redirect leads to) marks the field and says why. */
	private static void assertMarked(ApiClient client, Form form, Map<String, String> fields) {
		ApiClient.Response response = form(client, form.page(), form.action(), fields);
		String as = form.action() + " with " + form.field() + " = " + fields.get(form.field()).replace("\0", "\\0");
		assertThat(response.status()).as(as).isLessThan(500);
		if (response.status() == 302) {
			java.net.URI location = java.net.URI.create(response.header("Location"));
			response = page(client, location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery()));
		}
		else {
			assertThat(response.status()).as(as).isEqualTo(400);
		}
		assertThat(response.status()).as(as).isLessThan(500);
		assertThat(marked(response.body(), form.field())).as(as + ": " + response.body()).isTrue();
	}

	/** Whether the input named {@code field} carries {@code aria-invalid="true"}. */
	private static boolean marked(String html, String field) {
		Matcher input = Pattern.compile("<(?:input|textarea|select)\\b[^>]*\\bname=\"" + Pattern.quote(field) + "\"[^>]*>")
				.matcher(html);
		while (input.find()) {
			if (input.group().contains("aria-invalid=\"true\"")) {
				return true;
			}
		}
		return false;
	}
}
