package eu.pledge.sso;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relying party's side for {@code bench/sso.sh}, spoken over plain HTTP as {@code SsoFlow} does in the tests:
 * <ul>
 * <li>{@code setup BASE JDBC_URL ADMIN_EMAIL ADMIN_PASSWORD STATE_FILE}: the administrator creates an organisation
 * and a contract granting {@code crm: editor}, a new person registers (the verification and invitation mails read
 * from {@code dev_outbox}, as no SMTP server is configured) and joins, and a confidential client for {@code crm} is
 * registered; the person's credentials and the client are written to STATE_FILE.</li>
 * <li>{@code tokens BASE STATE_FILE N}: the person signs in once, then N code flows (authorize with PKCE S256 from
 * the session, exchange with the client's secret); prints one line per flow: {@code refresh_token access_token}.</li>
 * </ul>
 * Each flow is its own authorization, so N load-generator connections each hold a refresh-token chain of their own.
 */
public final class SsoBenchClient {

	static final String REDIRECT = "https://crm.example.test/login/oauth2/code/pledge";
	private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_.~-]+)");
	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
			.followRedirects(HttpClient.Redirect.NEVER).build();

	private final String base;

	private SsoBenchClient(String base) {
		this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 6 && args[0].equals("setup")) {
			new SsoBenchClient(args[1]).setup(args[2], args[3], args[4], Path.of(args[5]));
		}
		else if (args.length == 4 && args[0].equals("tokens")) {
			new SsoBenchClient(args[1]).tokens(Path.of(args[2]), Integer.parseInt(args[3]));
		}
		else {
			System.err.println("usage: setup BASE JDBC_URL ADMIN_EMAIL ADMIN_PASSWORD STATE_FILE | tokens BASE STATE_FILE N");
			System.exit(2);
		}
	}

	private record Answer(int status, String body, HttpResponse<String> response) {
		String header(String name) {
			return response.headers().firstValue(name).orElse(null);
		}

		String json(String field) {
			Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(body);
			if (!m.find()) {
				throw new IllegalStateException("no \"" + field + "\" in the answer (status " + status + ")");
			}
			return m.group(1);
		}

		Answer expect(int expected, String what) {
			if (status != expected) {
				throw new IllegalStateException(what + " answered " + status + ", not " + expected + ": "
						+ body.substring(0, Math.min(300, body.length())));
			}
			return this;
		}
	}

	private Answer send(String method, String path, String body, String contentType, String cookie, String authorization,
			String accept) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
				.header("Accept", accept).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		if (cookie != null) {
			request.header("Cookie", cookie);
		}
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Answer(response.statusCode(), response.body(), response);
	}

	private Answer json(String method, String path, String json, String cookie) throws IOException, InterruptedException {
		return send(method, path, json, json == null ? null : "application/json", cookie, null, "application/json");
	}

	/** Signs in with the JSON API; the session cookie ({@code name=value}). */
	private String signIn(String email, String password) throws IOException, InterruptedException {
		Answer answer = json("POST", "/api/v1/session", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}",
				null).expect(200, "signing in");
		return answer.response().headers().allValues("Set-Cookie").stream().filter(c -> c.contains("pledge-session="))
				.map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).findFirst()
				.orElseThrow(() -> new IllegalStateException("no session cookie"));
	}

	private void setup(String jdbcUrl, String adminEmail, String adminPassword, Path state) throws Exception {
		try (Connection db = DriverManager.getConnection(jdbcUrl, System.getProperty("bench.db-user", "postgres"), "")) {
			String admin = signIn(adminEmail, adminPassword);
			String organization = json("POST", "/api/v1/admin/organizations", "{\"name\":\"Acme (benchmark)\"}", admin)
					.expect(201, "creating the organisation").json("id");
			Instant now = Instant.now();
			json("POST", "/api/v1/admin/organizations/" + organization + "/contracts", "{\"startsAt\":\""
					+ now.minus(Duration.ofDays(1)) + "\",\"endsAt\":\"" + now.plus(Duration.ofDays(30))
					+ "\",\"seats\":10,\"systems\":{\"crm\":\"editor\"}}", admin).expect(201, "creating the contract");

			String email = "sso-bench-" + random(8).toLowerCase() + "@example.org";
			String password = "sso-bench-" + random(24);
			long seen = lastMail(db);
			json("POST", "/api/v1/accounts", "{\"name\":\"Sso Bench\",\"email\":\"" + email + "\",\"password\":\""
					+ password + "\",\"address\":{\"street\":\"Teststraat 1\",\"postalCode\":\"9000\",\"city\":\"Gent\","
					+ "\"country\":\"BE\"}}", null).expect(201, "registering the member");
			String verification = mailedToken(db, email, seen);
			json("POST", "/api/v1/accounts/verification", "{\"token\":\"" + verification + "\"}", null)
					.expect(204, "verifying the member's address");
			String member = signIn(email, password);

			seen = lastMail(db);
			json("POST", "/api/v1/organizations/" + organization + "/invitations", "{\"email\":\"" + email
					+ "\",\"role\":\"MEMBER\"}", admin).expect(202, "inviting the member");
			json("POST", "/api/v1/invitations/acceptance", "{\"token\":\"" + mailedToken(db, email, seen) + "\"}", member)
					.expect(200, "accepting the invitation");

			Answer client = json("POST", "/api/v1/admin/systems/crm/clients", "{\"name\":\"crm (benchmark)\","
					+ "\"redirectUris\":[\"" + REDIRECT + "\"]}", admin).expect(201, "registering the client");
			Properties properties = new Properties();
			properties.setProperty("email", email);
			properties.setProperty("password", password);
			properties.setProperty("clientId", client.json("clientId"));
			properties.setProperty("secret", client.json("secret"));
			try (var out = Files.newBufferedWriter(state)) {
				properties.store(out, "bench/sso.sh: the member and the crm client");
			}
			System.err.println("[bench] member and client for crm ready (client " + client.json("clientId") + ")");
		}
	}

	private static long lastMail(Connection db) throws Exception {
		try (PreparedStatement select = db.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM dev_outbox");
				ResultSet rs = select.executeQuery()) {
			rs.next();
			return rs.getLong(1);
		}
	}

	/** The link token in the first mail to {@code email} after mail {@code after}; waits up to 10 s for it. */
	private static String mailedToken(Connection db, String email, long after) throws Exception {
		for (int i = 0; i < 50; i++) {
			try (PreparedStatement select = db.prepareStatement(
					"SELECT body FROM dev_outbox WHERE recipient = ? AND id > ? ORDER BY id LIMIT 1")) {
				select.setString(1, email);
				select.setLong(2, after);
				try (ResultSet rs = select.executeQuery()) {
					if (rs.next()) {
						Matcher m = TOKEN.matcher(rs.getString(1));
						if (m.find()) {
							return m.group(1);
						}
					}
				}
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("no mail with a link in dev_outbox");
	}

	private void tokens(Path state, int count) throws Exception {
		Properties properties = new Properties();
		try (var in = Files.newBufferedReader(state)) {
			properties.load(in);
		}
		String session = signIn(properties.getProperty("email"), properties.getProperty("password"));
		String basic = "Basic " + Base64.getEncoder().encodeToString((properties.getProperty("clientId") + ":"
				+ properties.getProperty("secret")).getBytes(StandardCharsets.UTF_8));
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String verifier = random(32) + "-" + random(32);
			Answer authorized = send("GET", "/oauth2/authorize?response_type=code&client_id="
					+ properties.getProperty("clientId") + "&scope=" + URLEncoder.encode("openid profile email",
							StandardCharsets.UTF_8)
					+ "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&state=s" + i
					+ "&nonce=n" + i + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256", null,
					null, session, null, "text/html").expect(302, "authorize");
			String location = authorized.header("Location");
			Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location == null ? "" : location);
			if (location == null || !location.startsWith(REDIRECT) || !code.find()) {
				throw new IllegalStateException("authorize redirected elsewhere: " + location);
			}
			Answer tokens = send("POST", "/oauth2/token", "grant_type=authorization_code&code=" + code.group(1)
					+ "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&code_verifier=" + verifier,
					"application/x-www-form-urlencoded", null, basic, "application/json").expect(200, "the code exchange");
			lines.add(tokens.json("refresh_token") + " " + tokens.json("access_token"));
		}
		lines.forEach(System.out::println);
	}

	private static String challenge(String verifier) throws Exception {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(
				MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
	}

	private static String random(int length) {
		byte[] bytes = new byte[length];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).replaceAll("[^A-Za-z0-9]", "x")
				.substring(0, length);
	}
}
