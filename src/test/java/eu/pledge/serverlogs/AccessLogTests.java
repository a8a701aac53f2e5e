package eu.pledge.serverlogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import eu.pledge.shared.AccountId;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Import(AccessLogTests.Listeners.class)
class AccessLogTests extends HttpTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	ServerLogsProperties properties;

	@Autowired
	Listeners listeners;

	@Autowired
	LogFileHolder holder;

	@Autowired
	eu.pledge.protection.Protection protection;

	@Test
	void writesOneJsonLinePerRequestWithoutQueryStringCookiesOrAuthorization() {
		String address = randomAddress();
		ApiClient client = new ApiClient(port).from(address).userAgent("LogCheck/2.0 (X11; Linux)");
		ApiClient.Response response = client.send("GET", "/login?token=query-secret-4711&next=/x", null,
				Map.of("Cookie", "other=cookie-secret-0815", "Authorization", "Bearer bearer-secret-1234"));
		assertThat(response.status()).isEqualTo(200);
		String requestId = response.header("X-Request-Id");

		List<String> lines = await().until(() -> linesContaining(requestId), found -> !found.isEmpty());

		assertThat(lines).hasSize(1);
		String line = lines.get(0);
		assertThat(line).doesNotContain("query-secret-4711", "token", "cookie-secret-0815", "bearer-secret-1234", "?");
		JsonNode json = JSON.readTree(line);
		assertThat(json.get("time").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
		assertThat(json.get("method").asString()).isEqualTo("GET");
		assertThat(json.get("path").asString()).isEqualTo("/login");
		assertThat(json.get("status").asInt()).isEqualTo(200);
		assertThat(json.get("durationMs").asDouble()).isGreaterThan(0);
		assertThat(json.get("bytes").asLong()).isGreaterThan(0);
		assertThat(json.get("userAgent").asString()).isEqualTo("LogCheck/2.0 (X11; Linux)");
		assertThat(json.get("clientIp").asString()).isEqualTo(address);
		assertThat(json.get("requestId").asString()).isEqualTo(requestId);
		assertThat(json.get("accountId").isNull()).isTrue();
	}

	@Test
	void carriesTheAccountIdOfASignedInRequest() {
		ApiClient client = client();
		signedInAccount(client);
		ApiClient.Response me = client.get("/api/v1/me");
		assertThat(me.status()).isEqualTo(200);
		String accountId = me.json().get("id").asString();

		JsonNode line = JSON.readTree(onlyLine(me.header("X-Request-Id")));

		assertThat(line.get("accountId").asString()).isEqualTo(accountId);
		assertThat(line.get("path").asString()).isEqualTo("/api/v1/me");
		assertThat(line.get("status").asInt()).isEqualTo(200);
	}

	@Test
	void logsRefusalsOfTheSecurityChain() {
		ApiClient.Response refused = client().get("/api/v1/me");
		assertThat(refused.status()).isEqualTo(401);

		JsonNode line = JSON.readTree(onlyLine(refused.header("X-Request-Id")));

		assertThat(line.get("status").asInt()).isEqualTo(401);
		assertThat(line.get("accountId").isNull()).isTrue();
	}

	@Test
	void logsRequestsTheWebEdgeTurnsAwayWithTheirClientAddress() {
		String address = randomAddress();
		for (int i = 0; i < 20; i++) {
			protection.begin(address, "account-key-" + i).failed();
		}
		ApiClient client = new ApiClient(port).from(address);
		ApiClient.Response refused = await().until(() -> client.get("/login"), response -> response.status() == 429);

		JsonNode line = JSON.readTree(onlyLine(refused.header("X-Request-Id")));

		assertThat(line.get("status").asInt()).isEqualTo(429);
		assertThat(line.get("clientIp").asString()).isEqualTo(address);
	}

	@Test
	void publishesRequestCompletedToListenersEvenWhenAnotherListenerThrows() throws Exception {
		String address = randomAddress();
		ApiClient.Response first = new ApiClient(port).from(address).get("/login");
		ApiClient.Response second = new ApiClient(port).from(address).get("/login");

		assertThat(first.status()).isEqualTo(200);
		assertThat(second.status()).isEqualTo(200);
		RequestCompleted event = await().until(() -> listeners.received.stream()
				.filter(e -> second.header("X-Request-Id").equals(e.requestId())).findFirst().orElse(null),
				found -> found != null);
		assertThat(event.method()).isEqualTo("GET");
		assertThat(event.path()).isEqualTo("/login");
		assertThat(event.status()).isEqualTo(200);
		assertThat(event.clientAddress()).isEqualTo(address);
		assertThat(event.toString()).doesNotContain(address).doesNotContain("PledgeTests");
		assertThat(listeners.thrown).isGreaterThan(0);
		assertThat(linesContaining(first.header("X-Request-Id"))).hasSize(1);
	}

	@Test
	void erasureLeavesNeitherTheAccountsLinesNorItsAddressInTheFiles() throws Exception {
		String address = randomAddress();
		ApiClient client = new ApiClient(port).from(address).userAgent("ErasureCheck/1.0");
		signedInAccount(client);
		ApiClient.Response me = client.get("/api/v1/me");
		AccountId account = AccountId.of(me.json().get("id").asString());
		onlyLine(me.header("X-Request-Id"));
		assertThat(holder.export(account)).isNotEmpty().allSatisfy(item -> {
			assertThat(item.category()).isEqualTo("server-logs");
			assertThat(((Map<?, ?>) item.data()).get("accountId")).isEqualTo(account.toString());
		});

		holder.erase(account);

		String all = allLines();
		assertThat(all).doesNotContain(account.toString()).doesNotContain(address).doesNotContain("ErasureCheck");
		assertThat(holder.export(account)).isEmpty();
		// The log goes on after the rewrite.
		ApiClient.Response after = client().get("/login");
		onlyLine(after.header("X-Request-Id"));
	}

	@Test
	void writesTheApplicationLogAsJsonWithTheRequestId() throws Exception {
		Path file = Path.of(environment.getProperty("logging.file.name"));
		String marker = "probe-" + java.util.UUID.randomUUID();
		org.slf4j.MDC.put("requestId", "probe-request-1234");
		try {
			org.slf4j.LoggerFactory.getLogger(AccessLogTests.class).warn("Application log probe {}", marker);
		}
		finally {
			org.slf4j.MDC.remove("requestId");
		}

		String line = await().until(() -> Files.readAllLines(file).stream().filter(l -> l.contains(marker))
				.findFirst().orElse(null), found -> found != null);

		JsonNode json = JSON.readTree(line);
		assertThat(json.get("message").asString()).isEqualTo("Application log probe " + marker);
		assertThat(line).contains("\"requestId\":\"probe-request-1234\"");
	}

	private String onlyLine(String requestId) {
		List<String> lines = await().until(() -> linesContaining(requestId), found -> !found.isEmpty());
		assertThat(lines).hasSize(1);
		return lines.get(0);
	}

	private List<String> linesContaining(String requestId) throws IOException {
		return allLines().lines().filter(line -> line.contains("\"requestId\":\"" + requestId + "\"")).toList();
	}

	private String allLines() throws IOException {
		Path file = properties.directory().resolve("access.json");
		return Files.exists(file) ? Files.readString(file) : "";
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Listeners {

		final List<RequestCompleted> received = new CopyOnWriteArrayList<>();
		volatile int thrown;

		@EventListener
		@Order(Ordered.HIGHEST_PRECEDENCE)
		void record(RequestCompleted request) {
			received.add(request);
		}

		@EventListener
		@Order(Ordered.LOWEST_PRECEDENCE)
		void fail(RequestCompleted request) {
			thrown++;
			throw new IllegalStateException("a broken listener");
		}
	}
}
