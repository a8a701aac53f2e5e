package eu.pledge.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

import eu.pledge.audit.AuditVerificationFailed;
import eu.pledge.testing.ApiClient;

/** Integrity: a broken audit trail, and a flood of wrong Sentry DSN keys on the ingest. */
class IntegritySensorsTests extends SensorTest {

	@Autowired
	ApplicationEventPublisher events;

	@Test
	void twentyWrongDsnKeysFromOneAddressAreBannedAndNoKeyIsKept() {
		ApiClient sdk = client();
		for (int i = 0; i < 20; i++) {
			assertThat(sdk.send("POST", "/api/1/store/", Map.of("message", "boom"),
					Map.of("X-Sentry-Auth", "Sentry sentry_key=guessed" + i)).status()).isEqualTo(401);
		}
		await().atMost(WAIT).until(() -> ban(sdk.address()) != null);
		assertThat(ban(sdk.address()).scenario()).isEqualTo("patrol:ingest-keys");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM patrol_detections WHERE detail LIKE '%guessed%'").query(Long.class)
				.single()).isZero();
		assertThat(answersAudited("ingest-keys", sdk.address())).isEqualTo(1);
		lift(sdk.address());
	}

	@Test
	void anSdkWithAnOldDsnIsRecordedNotBanned() {
		ApiClient sdk = client();
		sdk.send("POST", "/api/1/store/", Map.of("message", "boom"), Map.of("X-Sentry-Auth", "Sentry sentry_key=revoked"));
		sdk.send("POST", "/api/1/store/", Map.of("message", "boom"), Map.of("X-Sentry-Auth", "Sentry sentry_key=revoked"));
		await().atMost(WAIT).until(() -> detections(sdk.address(), Point.INGEST_KEY_REFUSED) == 2);
		assertThat(jdbc.sql("SELECT detail FROM patrol_detections WHERE address = :a").param("a", sdk.address())
				.query(String.class).list()).containsOnly("unknown");
		assertThat(responses("ingest-keys", sdk.address())).isZero();
		assertThat(ban(sdk.address())).isNull();
	}

	@Test
	void aBrokenAuditTrailIsAnsweredForTheSystem() {
		long before = answered();
		events.publishEvent(new AuditVerificationFailed(LocalDate.parse("2001-05-01"), clock.instant()));
		await().atMost(WAIT).until(() -> answered() == before + 1);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM patrol_detections WHERE point = 'AUDIT_BROKEN' AND address IS NULL"
				+ " AND detail = '2001-05-01'").query(Long.class).single()).isPositive();
	}

	private long answered() {
		return jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE action = 'patrol.responded' AND detail LIKE :r")
				.param("r", "%audit-broken%").query(Long.class).single();
	}
}
