package eu.pledge.accounts;

import java.io.IOException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The traffic of a training run ({@link TrainingRun}): ordinary requests of a signed-in person, over HTTP like any
 * client's, on one thread per core until the time is up. Each round signs in ({@code POST /api/v1/session}), five
 * times asks {@code /api/v1/me} twenty times, draws the home page five times and each page of the account's menu once,
 * and signs out: a sign-in's password check costs as much CPU as a few hundred of the other requests. Cookies are kept by hand: the session cookie is {@code Secure}, which the JDK's cookie store would not send
 * over the loopback's plain HTTP.
 */
final class TrainingTraffic {

	/** The account's pages drawn once a round, besides the home page. */
	private static final List<String> PAGES = List.of("/account", "/account/security", "/account/sessions",
			"/account/preferences", "/account/access", "/account/apps", "/account/audit", "/account/data", "/privacy");

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	/** The requests of one round. */
	static final int ROUND = 1 + 5 * (20 + 5 + PAGES.size()) + 1;

	/** What a run did: requests sent, those that failed, and the first failure (a method, path and status). */
	record Result(long requests, long failed, String firstFailure) {
	}

	private final URI base;
	private final String credentials;
	private final HttpClient client;
	private final AtomicLong requests = new AtomicLong();
	private final AtomicLong failed = new AtomicLong();
	private final AtomicReference<String> firstFailure = new AtomicReference<>();

	private TrainingTraffic(URI base, String email, String password) {
		this.base = base;
		this.credentials = "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
		this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT)
			.followRedirects(HttpClient.Redirect.NEVER).build();
	}

	/**
	 * Sends the traffic to {@code base} as the person with {@code email} and {@code password} (neither with a quote or
	 * a backslash: they are written into the JSON as they are) for {@code duration} on {@code threads} threads.
	 */
	static Result serve(URI base, String email, String password, Duration duration, int threads)
			throws InterruptedException {
		TrainingTraffic traffic = new TrainingTraffic(base, email, password);
		long deadline = System.nanoTime() + duration.toNanos();
		List<Thread> workers = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			Thread worker = new Thread(() -> {
				while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
					traffic.round();
				}
			}, "pledge-training-" + i);
			worker.start();
			workers.add(worker);
		}
		for (Thread worker : workers) {
			worker.join();
		}
		return new Result(traffic.requests.get(), traffic.failed.get(), traffic.firstFailure.get());
	}

	private void round() {
		Map<String, String> cookies = new LinkedHashMap<>();
		HttpRequest signIn = HttpRequest.newBuilder(base.resolve("/api/v1/session")).timeout(TIMEOUT)
			.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(credentials)).build();
		if (!send(signIn, cookies)) {
			return;
		}
		for (int repeat = 0; repeat < 5; repeat++) {
			for (int i = 0; i < 20; i++) {
				send(get("/api/v1/me", "application/json", cookies), cookies);
			}
			for (int i = 0; i < 5; i++) {
				send(get("/", "text/html", cookies), cookies);
			}
			for (String page : PAGES) {
				send(get(page, "text/html", cookies), cookies);
			}
		}
		send(withCookies(HttpRequest.newBuilder(base.resolve("/api/v1/session")), cookies).DELETE().build(), cookies);
	}

	private HttpRequest get(String path, String accept, Map<String, String> cookies) {
		return withCookies(HttpRequest.newBuilder(base.resolve(path)), cookies).header("Accept", accept).GET().build();
	}

	private static HttpRequest.Builder withCookies(HttpRequest.Builder request, Map<String, String> cookies) {
		request.timeout(TIMEOUT);
		if (!cookies.isEmpty()) {
			StringBuilder header = new StringBuilder();
			cookies.forEach((name, value) -> header.append(header.isEmpty() ? "" : "; ").append(name).append('=')
				.append(value));
			request.header("Cookie", header.toString());
		}
		return request;
	}

	/** Sends one request, keeps the cookies it sets; true when it answered 2xx. */
	private boolean send(HttpRequest request, Map<String, String> cookies) {
		requests.incrementAndGet();
		String outcome;
		try {
			HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
			for (String header : response.headers().allValues("Set-Cookie")) {
				for (HttpCookie cookie : HttpCookie.parse(header)) {
					cookies.put(cookie.getName(), cookie.getValue());
				}
			}
			if (response.statusCode() / 100 == 2) {
				return true;
			}
			outcome = String.valueOf(response.statusCode());
		}
		catch (IOException ex) {
			outcome = ex.getClass().getSimpleName();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			outcome = "interrupted";
		}
		failed.incrementAndGet();
		firstFailure.compareAndSet(null, request.method() + " " + request.uri().getPath() + ": " + outcome);
		return false;
	}
}
