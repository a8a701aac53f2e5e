package eu.pledge.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A test client for Pledge's JSON API over real HTTP, like a non-browser client: it keeps cookies itself
 * (Java's cookie manager would drop Secure cookies over plain http), sends no Origin, and can pretend to come
 * from another address through {@code X-Forwarded-For} when the test trusts loopback as a proxy.
 */
public class ApiClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
			.followRedirects(HttpClient.Redirect.NEVER).build();

	private final String base;
	private final Map<String, String> cookies = new LinkedHashMap<>();
	private String forwardedFor;
	private String userAgent = "PledgeTests/1.0";

	public ApiClient(int port) {
		this.base = "http://localhost:" + port;
	}

	public ApiClient from(String address) {
		this.forwardedFor = address;
		return this;
	}

	/** The client address this client speaks from (its {@code X-Forwarded-For}), or null. */
	public String address() {
		return forwardedFor;
	}

	public ApiClient userAgent(String userAgent) {
		this.userAgent = userAgent;
		return this;
	}

	public Response get(String path) {
		return send("GET", path, null, Map.of());
	}

	public Response post(String path, Object body) {
		return send("POST", path, body, Map.of());
	}

	public Response patch(String path, Object body) {
		return send("PATCH", path, body, Map.of());
	}

	public Response put(String path, Object body) {
		return send("PUT", path, body, Map.of());
	}

	public Response delete(String path) {
		return send("DELETE", path, null, Map.of());
	}

	public Response delete(String path, Object body) {
		return send("DELETE", path, body, Map.of());
	}

	public Response send(String method, String path, Object body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
				.header("User-Agent", userAgent).header("Accept", "application/json");
		String payload = body == null ? null : body instanceof String text ? text : JSON.writeValueAsString(body);
		request.method(method, payload == null ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(payload));
		if (payload != null && headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
			request.header("Content-Type", "application/json");
		}
		if (!cookies.isEmpty()) {
			request.header("Cookie", String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
		}
		if (forwardedFor != null) {
			request.header("X-Forwarded-For", forwardedFor);
		}
		headers.forEach(request::header);
		try {
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			remember(response.headers().allValues("Set-Cookie"));
			return new Response(response.statusCode(), response.body(), response.headers().map());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The same browser talking to another node of the cluster: its cookies and address, another port. */
	public ApiClient on(int port) {
		ApiClient other = new ApiClient(port).from(forwardedFor).userAgent(userAgent);
		other.cookies.putAll(cookies);
		return other;
	}

	public Map<String, String> cookies() {
		return cookies;
	}

	public void forgetCookies() {
		cookies.clear();
	}

	private void remember(List<String> setCookies) {
		for (String header : setCookies) {
			String pair = header.split(";", 2)[0];
			int eq = pair.indexOf('=');
			String name = pair.substring(0, eq).trim();
			String value = pair.substring(eq + 1).trim();
			boolean expired = header.toLowerCase().contains("max-age=0") || value.isEmpty();
			if (expired) {
				cookies.remove(name);
			}
			else {
				cookies.put(name, value);
			}
		}
	}

	public record Response(int status, String body, Map<String, List<String>> headers) {

		public JsonNode json() {
			return JSON.readTree(body);
		}

		public String header(String name) {
			return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
					.flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
		}

		public List<String> headers(String name) {
			return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
					.flatMap(e -> e.getValue().stream()).toList();
		}
	}
}
