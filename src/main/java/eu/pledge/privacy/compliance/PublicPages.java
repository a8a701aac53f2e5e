package eu.pledge.privacy.compliance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Fetches Pledge's own public pages from this very process, over loopback, exactly as a visitor gets them
 * (headers included). Only works while the web server runs; the {@code verify} command starts it on a random
 * loopback port for this.
 */
@Component
class PublicPages {

	record Page(String path, int status, String body, String contentSecurityPolicy) {
	}

	private final Environment environment;
	// Made at the first use: a JDK HttpClient starts its selector thread and loads the default TLS context (the
	// trust store) when built, ~150 ms of every start-up otherwise (docs/PERFORMANCE.md).
	private final SingletonSupplier<HttpClient> http = SingletonSupplier.of(() -> HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build());

	PublicPages(Environment environment) {
		this.environment = environment;
	}

	/** The page, or empty when the web server is not running. */
	Optional<Page> fetch(String path) {
		String port = environment.getProperty("local.server.port");
		if (port == null) {
			return Optional.empty();
		}
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.timeout(Duration.ofSeconds(20)).header("Accept", "text/html").GET().build();
		try {
			HttpResponse<String> response = http.obtain().send(request, HttpResponse.BodyHandlers.ofString());
			return Optional.of(new Page(path, response.statusCode(), response.body(),
					response.headers().firstValue("Content-Security-Policy").orElse("")));
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not fetch " + path, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted fetching " + path, ex);
		}
	}
}
