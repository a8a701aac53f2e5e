package eu.pledge.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

import eu.pledge.sso.AuthorizationCodeReused;
import eu.pledge.sso.RefreshTokenReused;
import eu.pledge.testing.ApiClient;

/** Single sign-on's detection points: a system's secret guessed from one address, a refresh token used twice. */
class SsoSensorsTests extends SensorTest {

	@Autowired
	ApplicationEventPublisher events;

	@Test
	void twentyWrongClientSecretsFromOneAddressAreBannedAndNoSecretIsKept() {
		ApiClient attacker = client();
		for (int i = 0; i < 20; i++) {
			ApiClient.Response refused = attacker.send("POST", "/oauth2/token", "grant_type=client_credentials",
					Map.of("Content-Type", "application/x-www-form-urlencoded", "Authorization", "Basic "
							+ Base64.getEncoder().encodeToString(("crm-guess:secret" + i).getBytes(StandardCharsets.UTF_8))));
			assertThat(refused.status()).isEqualTo(401);
		}
		await().atMost(WAIT).until(() -> detections(attacker.address(), Point.SSO_CLIENT_AUTHENTICATION_FAILED) >= 20);
		await().atMost(WAIT).until(() -> ban(attacker.address()) != null);
		assertThat(ban(attacker.address()).scenario()).isEqualTo("patrol:sso-client-guessing");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM patrol_detections WHERE detail LIKE '%secret%' OR detail LIKE '%guess%'")
				.query(Long.class).single()).isZero();
		lift(attacker.address());
	}

	@Test
	void aSystemsFailedGrantsAreAnswersNotAScan() {
		ApiClient crmServer = client();
		for (int i = 0; i < 40; i++) {
			crmServer.send("POST", "/oauth2/token", "grant_type=refresh_token&refresh_token=expired" + i + "&client_id=x",
					Map.of("Content-Type", "application/x-www-form-urlencoded"));
		}
		ApiClient.Response after = crmServer.get("/.well-known/openid-configuration");
		assertThat(after.status()).isEqualTo(200);
		assertThat(detections(crmServer.address(), Point.BAD_REQUEST)).isZero();
		assertThat(ban(crmServer.address())).isNull();
	}

	@Test
	void aReusedRefreshTokenIsAnsweredForTheAccountAndTheAdministratorsAreAlerted() {
		String account = java.util.UUID.randomUUID().toString();
		events.publishEvent(new RefreshTokenReused(account, "crm-app", Instant.now()));
		await().atMost(WAIT).until(() -> jdbc.sql("SELECT COUNT(*) FROM patrol_detections WHERE point = "
				+ "'SSO_REFRESH_TOKEN_REUSED' AND account_id = :a").param("a", account).query(Long.class).single() == 1);
		await().atMost(WAIT).until(() -> jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE action = 'patrol.responded' "
				+ "AND detail LIKE '%sso-refresh-reuse%'").query(Long.class).single() >= 1);
	}

	@Test
	void aReusedAuthorizationCodeAlertsTheAdministratorsAndLeavesThePersonsSessions() {
		String account = java.util.UUID.randomUUID().toString();
		events.publishEvent(new AuthorizationCodeReused(account, "crm-code-app", Instant.now()));
		await().atMost(WAIT).until(() -> jdbc.sql("SELECT COUNT(*) FROM patrol_detections WHERE point = "
				+ "'SSO_AUTHORIZATION_CODE_REUSED' AND account_id = :a").param("a", account).query(Long.class).single() == 1);
		await().atMost(WAIT).until(() -> jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE action = 'patrol.responded' "
				+ "AND detail LIKE '%sso-code-reuse-alert%'").query(Long.class).single() >= 1);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE action = 'patrol.responded' AND detail LIKE "
				+ "'%end-sessions%' AND detail LIKE '%sso-code-reuse%'").query(Long.class).single()).isZero();
	}
}
