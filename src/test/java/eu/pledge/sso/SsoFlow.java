package eu.pledge.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.web.util.UriComponentsBuilder;

import eu.pledge.testing.ApiClient;
import tools.jackson.databind.JsonNode;

/** A relying party's side of the protocol, spoken over plain HTTP: authorize, exchange, refresh, userinfo. */
final class SsoFlow {

	static final String REDIRECT = "https://crm.example.test/login/oauth2/code/pledge";

	private SsoFlow() {
	}

	record Client(String clientId, String secret) {
		/** The client's HTTP Basic authorization header value (client_secret_basic). */
		String basic() {
			return "Basic "
					+ Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
		}
	}

	record Tokens(int status, JsonNode json, String body) {
		String access() {
			return json.get("access_token").asString();
		}

		String refresh() {
			return json.get("refresh_token").asString();
		}

		JsonNode idToken() {
			return payload(json.get("id_token").asString());
		}
	}

	static Client register(ApiClient admin, String system, Map<String, Object> request) {
		Map<String, Object> body = new LinkedHashMap<>(Map.of("name", system + " app", "redirectUris",
				java.util.List.of(REDIRECT)));
		body.putAll(request);
		ApiClient.Response created = admin.post("/api/v1/admin/systems/" + system + "/clients", body);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		JsonNode json = created.json();
		return new Client(json.get("clientId").asString(),
				json.hasNonNull("secret") ? json.get("secret").asString() : null);
	}

	static String verifier() {
		return UUID.randomUUID() + "-" + UUID.randomUUID();
	}

	static String challenge(String verifier) {
		try {
			return Base64.getUrlEncoder().withoutPadding().encodeToString(
					MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String authorizePath(Client client, String scope, String verifier) {
		return "/oauth2/authorize?response_type=code&client_id=" + client.clientId() + "&scope="
				+ URLEncoder.encode(scope, StandardCharsets.UTF_8) + "&redirect_uri="
				+ URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&state=s123&nonce=n456"
				+ "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256";
	}

	/** The browser's step: the signed-in person's session asks for a code; the code from the redirect. */
	static String code(ApiClient browser, Client client, String scope, String verifier) {
		ApiClient.Response answer = browser.send("GET", authorizePath(client, scope, verifier), null,
				Map.of("Accept", "text/html"));
		assertThat(answer.status()).as(answer.body()).isEqualTo(302);
		String location = answer.header("Location");
		assertThat(location).as(location).startsWith(REDIRECT);
		var query = UriComponentsBuilder.fromUri(URI.create(location)).build().getQueryParams();
		assertThat(query.getFirst("state")).isEqualTo("s123");
		return query.getFirst("code");
	}

	static Tokens exchange(ApiClient system, Client client, String code, String verifier) {
		return token(system, client, "grant_type=authorization_code&code=" + code + "&redirect_uri="
				+ URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&code_verifier=" + verifier);
	}

	static Tokens refresh(ApiClient system, Client client, String refreshToken) {
		return token(system, client, "grant_type=refresh_token&refresh_token=" + refreshToken);
	}

	static Tokens token(ApiClient system, Client client, String form) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Type", "application/x-www-form-urlencoded");
		String body = form;
		if (client.secret() != null) {
			headers.put("Authorization", client.basic());
		}
		else {
			body = form + "&client_id=" + client.clientId();
		}
		ApiClient.Response answer = system.send("POST", "/oauth2/token", body, headers);
		return new Tokens(answer.status(), answer.status() == 200 || answer.body().startsWith("{")
				? answer.json() : null, answer.body());
	}

	static ApiClient.Response userInfo(ApiClient system, String accessToken) {
		return system.send("GET", "/userinfo", null, Map.of("Authorization", "Bearer " + accessToken));
	}

	static JsonNode payload(String jwt) {
		String json = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
		return new ApiClient.Response(200, json, Map.of()).json();
	}

	static JsonNode header(String jwt) {
		String json = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8);
		return new ApiClient.Response(200, json, Map.of()).json();
	}
}
