package eu.pledge.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

import eu.pledge.serverlogs.RequestCompleted;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;

/**
 * A trusted proxy (loopback here) that forwards a malformed {@code X-Forwarded-For} is not believed: the
 * request is answered as usual and counts as the proxy's own, as the access log's {@link RequestCompleted}
 * shows. Issue 11: each of these values gave a 500.
 */
class ForwardedForTests extends HttpTest {

	@Autowired
	ConfigurableApplicationContext context;

	private final List<RequestCompleted> completed = new CopyOnWriteArrayList<>();
	private final ApplicationListener<ApplicationEvent> listener = event -> {
		if (event instanceof PayloadApplicationEvent<?> payload && payload.getPayload() instanceof RequestCompleted request) {
			completed.add(request);
		}
	};

	@BeforeEach
	void listen() {
		context.addApplicationListener(listener);
	}

	@AfterEach
	void stopListening() {
		context.removeApplicationListener(listener);
	}

	@Test
	void aMalformedForwardedForCountsAsThePeer() {
		String peer = clientAddressOf(new ApiClient(port), "/api/v1/me");
		for (String forwardedFor : ClientAddressFilterTests.MALFORMED) {
			String seen = clientAddressOf(new ApiClient(port).from(forwardedFor), "/api/v1/me");
			assertThat(seen).as(forwardedFor).isEqualTo(peer);
		}
		for (String forwardedFor : ClientAddressFilterTests.MALFORMED) {
			ApiClient.Response page = new ApiClient(port).from(forwardedFor).send("GET", "/login", null,
					Map.of("Accept", "text/html"));
			assertThat(page.status()).as(forwardedFor).isEqualTo(200);
		}
	}

	@Test
	void aWellFormedForwardedForIsStillBelieved() {
		String address = randomAddress();
		assertThat(clientAddressOf(new ApiClient(port).from(address), "/api/v1/me")).isEqualTo(address);
	}

	/** Sends a GET with a request id of its own and returns the client address the access log recorded. */
	private String clientAddressOf(ApiClient client, String path) {
		String requestId = "xff-" + UUID.randomUUID();
		ApiClient.Response response = client.send("GET", path, null, Map.of("X-Request-Id", requestId));
		assertThat(response.status()).as("status of %s", path).isBetween(200, 499);
		assertThat(response.body()).doesNotContain("Exception");
		RequestCompleted request = await().atMost(Duration.ofSeconds(10))
				.until(() -> completed.stream().filter(r -> requestId.equals(r.requestId())).findFirst().orElse(null),
						r -> r != null);
		return request.clientAddress();
	}
}
