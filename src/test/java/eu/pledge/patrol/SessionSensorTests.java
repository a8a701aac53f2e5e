package eu.pledge.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;

import org.junit.jupiter.api.Test;

import eu.pledge.testing.ApiClient;

/** SE: forged session ids from one address, and one session used from another address and browser at once. */
class SessionSensorTests extends SensorTest {

	@Test
	void thirtyForgedSessionIdsFromOneAddressAreBanned() {
		ApiClient forger = client();
		String cookie = sessionCookieName();
		for (int i = 0; i < 30; i++) {
			forger.cookies().put(cookie, java.util.Base64.getEncoder()
					.encodeToString(java.util.UUID.randomUUID().toString().getBytes()));
			forger.get("/api/v1/me");
		}
		await().atMost(WAIT).until(() -> ban(forger.address()) != null);
		assertThat(ban(forger.address()).scenario()).isEqualTo("patrol:unknown-sessions");
		assertThat(jdbc.sql("SELECT COUNT(DISTINCT session_key) FROM patrol_detections WHERE address = :a")
				.param("a", forger.address()).query(Long.class).single()).isEqualTo(30);
		lift(forger.address());
	}

	@Test
	void fortyForgedIdsAtOnceAreOneAttackAnsweredOnce() throws Exception {
		String address = randomAddress();
		String cookie = sessionCookieName();
		java.util.List<Integer> statuses = eu.pledge.testing.AtOnce.run(40, i -> {
			String forged = java.util.Base64.getEncoder().encodeToString(("forged-" + i).getBytes());
			return () -> {
				ApiClient forger = new ApiClient(port).from(address);
				forger.cookies().put(cookie, forged);
				return forger.get("/api/v1/me").status();
			};
		});
		long refused = statuses.stream().filter(status -> status == 429).count();
		await().atMost(WAIT).until(() -> detections(address, Point.UNKNOWN_SESSION) + refused >= 40);
		await().atMost(WAIT).until(() -> ban(address) != null);
		assertThat(responses("unknown-sessions", address)).isOne();
		assertThat(answersAudited("unknown-sessions", address)).isOne();
		lift(address);
	}

	@Test
	void aPersonReturningWithAnExpiredCookieIsNotBanned() {
		ApiClient person = client();
		String cookie = sessionCookieName();
		person.cookies().put(cookie, java.util.Base64.getEncoder().encodeToString("long-gone-session".getBytes()));
		for (int i = 0; i < 30; i++) { // a page and its assets, reloaded: one id, as many requests as the threshold
			person.cookies().put(cookie, java.util.Base64.getEncoder().encodeToString("long-gone-session".getBytes()));
			person.get("/api/v1/me");
		}
		await().atMost(WAIT).until(() -> detections(person.address(), Point.UNKNOWN_SESSION) == 30);
		assertThat(responses("unknown-sessions", person.address())).isZero();
		assertThat(ban(person.address())).isNull();
	}

	@Test
	void aSessionUsedFromAnotherAddressAndBrowserIsSuspected() {
		ApiClient victim = client().userAgent("Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0");
		signedInAccount(victim);
		assertThat(victim.get("/api/v1/me").status()).isEqualTo(200);
		String thiefAddress = randomAddress();
		ApiClient thief = new ApiClient(port).from(thiefAddress).userAgent("curl/8.5.0");
		thief.cookies().putAll(victim.cookies());
		thief.get("/api/v1/me");

		await().atMost(WAIT).until(() -> detections(thiefAddress, Point.SESSION_HIJACK_SUSPECTED) == 1);
		String session = jdbc.sql("SELECT session_key FROM patrol_detections WHERE address = :a AND point = :p")
				.param("a", thiefAddress).param("p", Point.SESSION_HIJACK_SUSPECTED.name()).query(String.class).single();
		assertThat(session).hasSize(32).isNotIn(victim.cookies().values());
		await().atMost(WAIT).until(() -> responses("session-hijack", session) == 1);
		assertThat(answersAudited("session-hijack", thiefAddress)).isEqualTo(1);
	}

	@Test
	void aPhoneChangingNetworksKeepsItsBrowserAndIsNotSuspected() {
		ApiClient phone = client().userAgent("Mozilla/5.0 (Android 14; Mobile) Firefox/128.0");
		signedInAccount(phone);
		phone.get("/api/v1/me");
		String mobile = randomAddress();
		ApiClient onMobileData = new ApiClient(port).from(mobile).userAgent("Mozilla/5.0 (Android 14; Mobile) Firefox/128.0");
		onMobileData.cookies().putAll(phone.cookies());
		assertThat(onMobileData.get("/api/v1/me").status()).isEqualTo(200);
		onMobileData.cookies().put("marker", "x");
		onMobileData.get("/?marker=" + java.net.URLEncoder.encode("<script>", java.nio.charset.StandardCharsets.UTF_8));
		await().atMost(WAIT).until(() -> detections(mobile, Point.INPUT_PAYLOAD) == 1);
		assertThat(detections(mobile, Point.SESSION_HIJACK_SUSPECTED)).isZero();
		assertThat(detections(mobile, Point.UNKNOWN_SESSION)).isZero();
	}

	/** The session cookie's name as this server sets it (with or without the {@code __Host-} prefix). */
	private String sessionCookieName() {
		ApiClient probe = client();
		signedInAccount(probe);
		return probe.cookies().keySet().stream().filter(name -> name.contains("session")).findFirst().orElseThrow();
	}
}
