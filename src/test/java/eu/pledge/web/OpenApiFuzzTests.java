package eu.pledge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.AtOnce;
import eu.pledge.testing.People;
import eu.pledge.testing.SecondNode;
import eu.pledge.web.BadInputGenerator.Body;
import eu.pledge.web.BadInputGenerator.Operation;

/**
 * Issue 11: every operation of the OpenAPI document gets generated bad input as administrator, member and
 * stranger — odd path ids and query values, broken and malformed bodies ({@link BadInputGenerator}) — and
 * answers without a 5xx or a stack trace; a 400 for a broken field is a problem that names a field. A new
 * operation is covered without a line here. The seed is fixed (42) unless {@code -Dfuzz.seed} gives another;
 * {@code -Dfuzz.cases} sets the cases per operation and caller ({@code bench/fuzz.sh} runs many with a random
 * seed).
 */
class OpenApiFuzzTests extends StorableInputFixture {

	static final long SEED = Long.getLong("fuzz.seed", 42L);
	static final int CASES = Integer.getInteger("fuzz.cases", 6);
	private static final Map<String, String> AS_JSON = Map.of("Content-Type", "application/json");
	private static final int AT_ONCE = 40;
	/** A password field of a generated body, to be given the caller's real password. */
	private static final Pattern SECRET = Pattern.compile("\"(password|currentPassword|newPassword)\":\"fuzz\"");

	/** Brokenness that a refusal must name: a field null, of the wrong type, an impossible number. */
	private static final Set<String> NAMED = Set.of("null ", "a wrong type in ", "an odd number in ");

	/** A caller that is signed in again (or replaced) when a case signed it out or locked it. */
	private final class Caller {

		final String name;
		final Supplier<ApiClient> fresh;
		ApiClient client;

		Caller(String name, Supplier<ApiClient> fresh) {
			this.name = name;
			this.fresh = fresh;
			this.client = fresh.get();
		}

		void keepSignedIn() {
			if (!name.equals("stranger") && client.get("/api/v1/me").status() != 200) {
				client = fresh.get();
			}
		}
	}

	@Test
	void everyOperationAnswersGeneratedBadInputWithoutAServerError() {
		ApiClient admin = admin();
		ApiClient.Response document = admin.get("/api/v1/openapi");
		assertThat(document.status()).as(document.body()).isEqualTo(200);
		Map<String, String> known = knownIds(admin);
		BadInputGenerator generator = new BadInputGenerator(document.json(), new Random(SEED));
		List<Operation> operations = generator.operations();
		assertThat(operations).as("operations in the document").hasSizeGreaterThan(40);
		List<Caller> callers = List.of(new Caller("administrator", this::admin), new Caller("member", this::member),
				new Caller("stranger", this::client));
		List<String> failures = new ArrayList<>();
		Map<Integer, Integer> statuses = new java.util.TreeMap<>();
		for (Operation operation : operations) {
			for (Caller caller : callers) {
				for (int i = 0; i < CASES; i++) {
					BadInputGenerator.Path target = generator.path(operation, known);
					String path = target.path() + generator.query(operation);
					Body body = operation.body() != null || i % 3 == 0 ? generator.body(operation) : null;
					ApiClient.Response response = caller.client.send(operation.method(), path,
							body == null ? null : body.text(), AS_JSON);
					statuses.merge(response.status(), 1, Integer::sum);
					String failure = failure(response, target, body);
					if (failure != null) {
						failures.add(caller.name + " " + operation.method() + " " + abbreviate(path) + " with "
								+ (body == null ? "no body" : body.kind() + " " + abbreviate(body.text())) + ": " + failure);
					}
				}
				caller.keepSignedIn();
			}
		}
		System.out.println("fuzz: seed " + SEED + ", " + CASES + " cases per operation and caller, " + operations.size()
				+ " operations, answers by status " + statuses);
		assertThat(failures).as("answers to bad input (seed " + SEED + ")").isEmpty();
		for (Caller caller : callers) {
			for (Operation operation : operations) {
				if (operation.method().equals("GET") && operation.pathParameters().isEmpty()) {
					assertThat(caller.client.get(operation.template()).status())
							.as("nothing half-written: " + caller.name + " reads " + operation).isLessThan(500);
				}
			}
		}
	}

	@Test
	void theSentryIngestAnswersGeneratedBadInputWithoutAServerError() {
		ApiClient admin = admin();
		ApiClient.Response project = admin.post("/api/v1/admin/error-projects",
				Map.of("name", "Fuzz", "slug", "f-" + UUID.randomUUID().toString().substring(0, 8)));
		assertThat(project.status()).as(project.body()).isEqualTo(201);
		String id = project.json().get("project").get("id").asString();
		String dsn = project.json().get("dsn").asString();
		String key = java.net.URI.create(dsn).getUserInfo();
		BadEnvelopes envelopes = new BadEnvelopes(new Random(SEED));
		ApiClient sdk = client();
		List<String> failures = new ArrayList<>();
		Map<Integer, Integer> statuses = new java.util.TreeMap<>();
		for (int i = 0; i < CASES * 50; i++) {
			boolean envelope = envelopes.pick(List.of(true, false));
			String path = "/api/" + envelopes.projectId(id) + (envelope ? "/envelope/" : "/store/")
					+ envelopes.query(key);
			String body = envelope ? envelopes.envelope(envelopes.pick(List.of(dsn, "http://" + key + "@x/0"))) : envelopes.event();
			ApiClient.Response response = sdk.send("POST", path, body, envelopes.headers(key));
			statuses.merge(response.status(), 1, Integer::sum);
			String failure = failure(response, new BadInputGenerator.Path(path, true), null);
			if (failure != null) {
				failures.add(abbreviate(path) + " with " + abbreviate(body) + ": " + failure);
			}
		}
		System.out.println("fuzz: seed " + SEED + ", " + CASES * 50 + " ingest requests, answers by status " + statuses);
		assertThat(failures).as("answers of the ingest to bad input (seed " + SEED + ")").isEmpty();
	}

	/**
	 * Every operation, with a well-formed body and real ids where there are some, sent forty times at once by the
	 * same signed-in person (forty tabs, a client retrying), half of them to a second node: the races between
	 * requests that each check and then write (a duplicate key, a row another deleted) answer without a 5xx.
	 */
	/** {@code -Dfuzz.mails=true}: print every mail sent more than once to one recipient by one operation's forty. */
	private static final boolean MAIL_DIAG = Boolean.getBoolean("fuzz.mails");

	@Test
	void everyOperationSentFortyTimesAtOnceAnswersWithoutAServerError() throws Exception {
		ApiClient admin = admin();
		ApiClient.Response document = admin.get("/api/v1/openapi");
		assertThat(document.status()).as(document.body()).isEqualTo(200);
		Map<String, String> known = knownIds(admin);
		BadInputGenerator generator = new BadInputGenerator(document.json(), new Random(SEED));
		List<Caller> callers = List.of(new Caller("administrator", this::admin), new Caller("member", this::member));
		List<String> failures = new ArrayList<>();
		Map<Integer, Integer> statuses = new java.util.TreeMap<>();
		try (SecondNode other = SecondNode.of(environment, Map.of())) {
			for (Operation operation : generator.operations()) {
				for (Caller caller : callers) {
					String path = generator.realPath(operation, known).path();
					String body = operation.body() == null ? null
							: repaired(caller.client, operation, path, generator.plausibleBody(operation).text(), known);
					Map<String, ApiClient> senders = new LinkedHashMap<>();
					if (body != null && SECRET.matcher(body).find()) {
						// Once more with a fresh caller's real password (the first try's wrong one counts against
						// the account), so that a password change or an erasure goes through forty times at once.
						senders.put(SECRET.matcher(body).replaceAll("\"$1\":\"" + People.PASSWORD + "\""),
								caller.fresh.get());
					}
					senders.put(String.valueOf(body), caller.client);
					for (Map.Entry<String, ApiClient> sender : senders.entrySet()) {
						String sent = body == null ? null : sender.getKey();
						Map<String, Long> mailsBefore = Map.of();
						if (MAIL_DIAG) {
							Thread.sleep(2_000); // what the repair's single tries mailed has arrived
							mailsBefore = mailbox.countsByRecipientAndSubject();
						}
						List<ApiClient.Response> answers = atOnce(sender.getValue(), other.port(), operation.method(),
								path, sent);
						if (MAIL_DIAG) {
							Thread.sleep(2_000);
							Map<String, Long> before = mailsBefore;
							mailbox.countsByRecipientAndSubject().forEach((key, count) -> {
								long burst = count - before.getOrDefault(key, 0L);
								if (burst > 1) {
									System.out.println("MAILBURST " + caller.name + " " + operation.method() + " " + path
											+ ": " + burst + " x " + key);
								}
							});
						}
						for (ApiClient.Response response : answers) {
							statuses.merge(response.status(), 1, Integer::sum);
							if (Boolean.getBoolean("fuzz.diag") && response.status() >= 400) {
								System.out.println("DIAG " + caller.name + " " + operation.method() + " " + path + " with " + sent + " -> " + response.status() + " " + abbreviate(response.body()));
							}
							if (response.status() >= 500) {
								failures.add(caller.name + " " + operation.method() + " " + abbreviate(path) + " with "
										+ (sent == null ? "no body" : abbreviate(sent)) + ": status " + response.status()
										+ " " + abbreviate(response.body()));
							}
						}
					}
					caller.keepSignedIn();
				}
			}
		}
		System.out.println("fuzz: " + AT_ONCE + " at once on two nodes, answers by status " + statuses);
		assertThat(failures).as("answers to the same request " + AT_ONCE + " times at once").isEmpty();
	}

	/**
	 * The body after up to twelve tries that give each field a refusal names the value its message asks for (the first
	 * of "Choose one of: …", the example after "like" or "e.g.", an email address, an account id, a time), so that
	 * the forty at once reach past validation to the write. The try that is accepted has made the change once.
	 */
	private String repaired(ApiClient client, Operation operation, String path, String body, Map<String, String> known) {
		tools.jackson.databind.ObjectMapper mapper = tools.jackson.databind.json.JsonMapper.builder().build();
		for (int round = 0; round < 12; round++) {
			ApiClient.Response response = client.send(operation.method(), path, body, AS_JSON);
			if (response.status() != 400 || !body.startsWith("{") || !response.body().startsWith("{")) {
				return body;
			}
			tools.jackson.databind.node.ObjectNode json = (tools.jackson.databind.node.ObjectNode) mapper.readTree(body);
			boolean changed = false;
			for (tools.jackson.databind.JsonNode error : response.json().path("errors")) {
				String field = error.path("field").asString("");
				String value = wanted(field, error.path("message").asString(""), known);
				tools.jackson.databind.node.ObjectNode holder = json;
				String[] steps = field.split("\\.");
				for (int i = 0; i < steps.length - 1 && holder != null; i++) {
					holder = holder.get(steps[i]) instanceof tools.jackson.databind.node.ObjectNode inner ? inner : null;
				}
				String last = steps[steps.length - 1];
				java.util.regex.Matcher systems = KNOWN_SYSTEMS.matcher(error.path("message").asString(""));
				if (holder != null && holder.has(last) && systems.find()) {
					// a map by system: one entry for the first system the refusal names
					tools.jackson.databind.node.ObjectNode map = holder.get(last) instanceof tools.jackson.databind.node.ObjectNode inner
							? inner : holder;
					map.removeAll();
					map.put(systems.group(1), "fuzz");
					changed = true;
				}
				else if (value != null && holder != null && holder.get(last) instanceof tools.jackson.databind.node.ArrayNode list
						&& !list.isEmpty() && list.get(0).isString() && !value.equals(list.get(0).asString())) {
					list.removeAll();
					list.add(value);
					changed = true;
				}
				else if (value != null && holder != null && holder.has(last) && !holder.get(last).isContainer()
						&& !value.equals(holder.get(last).asString(""))) {
					holder.put(last, value);
					changed = true;
				}
			}
			if (!changed) {
				return body;
			}
			body = mapper.writeValueAsString(json);
		}
		return body;
	}

	private static final Pattern CHOICES = Pattern.compile("(?:[Cc]hoose|[Uu]se) one of:? ([^.]+)");
	private static final Pattern LISTED = Pattern.compile("(?:levels are|these [a-z]+): ([^.]+)");
	private static final Pattern MUST_BE = Pattern.compile("must be ([a-z-]+)(?:,| or )");
	private static final Pattern KNOWN_SYSTEMS = Pattern.compile("Known systems: (\\w+)");
	private static final Pattern EXAMPLE = Pattern.compile("(?:like|e\\.g\\.|such as) ([^\\s,)]+)");
	private static final Pattern EXAMPLE_IN_PARENTHESES = Pattern.compile("\\((\\d{4}-[^)\\s]+)\\)");

	/** What a refusal's message asks of a field, or null when it does not say. */
	private String wanted(String field, String message, Map<String, String> known) {
		java.util.regex.Matcher choices = CHOICES.matcher(message);
		if (choices.find() && !choices.group(1).startsWith("those")) {
			return choices.group(1).split(",| or ")[0].trim();
		}
		if (field.toLowerCase(java.util.Locale.ROOT).contains("email")) {
			return randomEmail();
		}
		if (field.equals("assignee")) {
			return known.get("members"); // the administrator
		}
		if (message.contains("account id") || field.equals("accountId")) {
			return known.get("accounts");
		}
		if (field.equals("rule")) {
			return "honeytrap";
		}
		if (message.contains("YYYY-MM-DD") && !message.contains("YYYY-MM-DDT")) {
			return java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
		}
		if (message.contains("IPv4")) {
			return "198.51.100.7";
		}
		if (message.contains("https URI")) {
			return "https://crm.example.org/callback";
		}
		if (message.contains("whole number")) {
			return "3";
		}
		if (message.contains("ends after now")) {
			return java.time.Instant.now().plusSeconds(3_600).toString();
		}
		if (message.contains("true or false")) {
			return "true";
		}
		java.util.regex.Matcher listed = LISTED.matcher(message);
		if (listed.find()) {
			List<String> options = List.of(listed.group(1).split(",\\s*"));
			return options.contains("openid") ? "openid" : options.get(0).trim();
		}
		java.util.regex.Matcher mustBe = MUST_BE.matcher(message);
		if (mustBe.find()) {
			return mustBe.group(1);
		}
		if (message.contains("system")) {
			return "crm";
		}
		if (message.contains("time zone") || field.equals("timeZone")) {
			return "Europe/Berlin";
		}
		if (message.contains("YYYY-MM-DDTHH:MM")) {
			return java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).minusHours(1).withSecond(0).withNano(0)
					.toString();
		}
		java.util.regex.Matcher example = EXAMPLE_IN_PARENTHESES.matcher(message);
		if (example.find()) {
			return example.group(1);
		}
		example = EXAMPLE.matcher(message);
		return example.find() ? example.group(1).replaceAll("\\.$", "") : null;
	}

	/** The same request from {@value #AT_ONCE} tabs of {@code client}'s session at once, half of them on the other node. */
	private List<ApiClient.Response> atOnce(ApiClient client, int otherPort, String method, String path, String body)
			throws Exception {
		return AtOnce.run(AT_ONCE, i -> {
			ApiClient tab = client.on(i % 2 == 0 ? port : otherPort);
			return () -> {
				try {
					return tab.send(method, path, body, AS_JSON);
				}
				catch (java.io.UncheckedIOException broken) { // an answer cut off: as bad as a 5xx
					return new ApiClient.Response(599, "broken answer: " + broken.getMessage(), Map.of());
				}
			};
		});
	}

	/** Found by the generator: BouncyCastle threw on it while hashing the current password (a 500). */
	@Test
	void halfASurrogatePairInAPasswordIsAWrongPasswordNotAServerError() {
		ApiClient member = member();
		String broken = "{\"currentPassword\":\"a\\ud800b\",\"password\":\"\\udc00\",\"newPassword\":\"long enough and new\","
				+ "\"email\":\"" + randomEmail() + "\"}";
		for (String[] call : List.of(new String[] { "DELETE", "/api/v1/me/totp" }, new String[] { "POST", "/api/v1/me/password" },
				new String[] { "POST", "/api/v1/me/email" }, new String[] { "POST", "/api/v1/me/erasure" })) {
			ApiClient.Response response = member.send(call[0], call[1], broken, AS_JSON);
			assertThat(response.status()).as(call[0] + " " + call[1] + ": " + response.body()).isEqualTo(400);
		}
		ApiClient.Response signIn = client().post("/api/v1/session", "{\"email\":\"" + randomEmail() + "\",\"password\":\"\\ud800\"}");
		assertThat(signIn.status()).as(signIn.body()).isEqualTo(401);
		assertThat(member.get("/api/v1/me").status()).as("still signed in").isEqualTo(200);
	}

	/** Found by the generator: Tomcat's refusal of a query value that is no UTF-8 was a 500. */
	@Test
	void aQueryValueThatIsNoUtf8IsRefusedNamingTheParameter() {
		ApiClient admin = admin();
		for (String search : List.of("/api/v1/me/audit?outcome=%ED%A0%80", "/api/v1/admin/issues?project=%ED%A0%80&sort=count",
				"/api/v1/admin/audit?size=%C3")) {
			ApiClient.Response response = admin.get(search);
			assertThat(response.status()).as(search + ": " + response.body()).isEqualTo(400);
			assertThat(fields(response)).as(search).hasSize(1);
		}
	}

	/** Found by the generator: recording the refusal of a 1,000-character organisation id overflowed the trail (a 500). */
	@Test
	void anOrganisationIdLongerThanTheTrailKeepsIsRefusedAndRecorded() {
		ApiClient member = member();
		String id = "x".repeat(1000);
		ApiClient.Response invited = member.post("/api/v1/organizations/" + id + "/invitations",
				Map.of("email", randomEmail(), "role", "member"));
		assertThat(invited.status()).as(invited.body()).isEqualTo(404);
		assertThat(member.get("/api/v1/organizations/" + id + "/members").status()).isEqualTo(404);
		ApiClient.Response trail = admin().get("/api/v1/admin/audit?action=access.denied&targetId=" + "x".repeat(100));
		assertThat(trail.status()).as(trail.body()).isEqualTo(200);
		assertThat(trail.json().get("items").size()).as("both refusals recorded, the id cut to 100 characters").isEqualTo(2);
	}

	/** Why the answer is wrong, or null. */
	static String failure(ApiClient.Response response, BadInputGenerator.Path target, Body body) {
		if (response.status() >= 500) {
			return "status " + response.status() + " " + abbreviate(response.body());
		}
		String text = response.body() == null ? "" : response.body();
		if (text.contains("at eu.pledge.") || text.contains("\tat ") || response.status() >= 400 && text.contains("Exception")) {
			return "a stack trace or exception text: " + abbreviate(text);
		}
		// an encoded NUL in the path (%00) is refused by Tomcat before Pledge sees it: ContainerRefusals answers
		if (response.status() == 400 && !text.startsWith("{")) {
			return "a 400 that is no problem: " + abbreviate(text);
		}
		if (response.status() == 400 && !target.odd() && body != null && body.field() != null
				&& NAMED.stream().anyMatch(body.kind()::startsWith) && !response.json().has("errors")) {
			return "a 400 naming no field: " + abbreviate(text);
		}
		return null;
	}

	private ApiClient member() {
		ApiClient member = client();
		signedInAccount(member);
		return member;
	}

	/** Real ids by the path segment before them, so that some cases reach past the lookup. */
	private Map<String, String> knownIds(ApiClient admin) {
		Map<String, String> known = new LinkedHashMap<>();
		String organization = organization(admin);
		known.put("organizations", organization);
		known.put("contracts", contract(admin, organization));
		known.put("issues", Long.toString(issue(admin)));
		ApiClient.Response project = admin.post("/api/v1/admin/error-projects",
				Map.of("name", "Fuzz", "slug", "f-" + UUID.randomUUID().toString().substring(0, 8)));
		known.put("error-projects", project.json().get("project").get("id").asString());
		known.put("keys", project.json().get("project").get("keys").get(0).get("id").asString());
		ApiClient.Response request = admin.post("/api/v1/admin/requests",
				Map.of("type", "access", "contactEmail", randomEmail()));
		assertThat(request.status()).as(request.body()).isEqualTo(201);
		known.put("requests", request.json().get("id").asString());
		known.put("members", admin.get("/api/v1/me").json().get("id").asString());
		known.put("sessions", admin.get("/api/v1/me/sessions").json().get(0).get("id").asString());
		ApiClient other = client();
		signedInAccount(other);
		known.put("accounts", other.get("/api/v1/me").json().get("id").asString());
		known.put("systems", "crm");
		known.put("apps", "crm");
		ApiClient.Response invitation = admin.post("/api/v1/organizations/" + organization + "/invitations",
				Map.of("email", randomEmail(), "role", "member"));
		if (invitation.status() == 201) {
			known.put("invitations", invitation.json().path("id").asString());
		}
		return known;
	}

	static String abbreviate(String text) {
		return text == null ? "" : text.length() > 160 ? text.substring(0, 160) + "…(" + text.length() + ")" : text;
	}
}
