package eu.pledge.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A verification that finds a break publishes {@link AuditVerificationFailed}: the trail records it and Secure
 * Patrol answers it (rule {@code audit-broken}); an intact trail's verification publishes nothing.
 */
@TestPropertySource(properties = "pledge.test.context=audit-break-reported")
class AuditBreakReportedTests extends ChainTests {

	@Test
	void aBreakFoundByVerificationIsRecordedAndAnsweredByPatrol() {
		factsOn(LocalDate.parse("2001-03-01"), 2);
		factsOn(LocalDate.parse("2001-03-02"), 2);
		clock.set(java.time.Instant.parse("2001-03-03T01:00:00Z"));
		maintenance.run();
		clock.set(java.time.Instant.now());

		assertThat(verification().get("valid").asBoolean()).isTrue();
		// the event is recorded in the trail on the verifying request's thread: none, so Patrol had nothing to count
		assertThat(rows("action = ?", "audit.verification-failed")).isEmpty();

		jdbc.sql("""
				UPDATE audit_events SET detail = '{"code":"edited"}'
				WHERE id = (SELECT MIN(id) FROM audit_events WHERE period = DATE '2001-03-02')
				""").update();
		assertThat(verification().get("valid").asBoolean()).isFalse();

		await().atMost(Duration.ofSeconds(10)).until(() -> breaksReported() == 1);
		assertThat(jdbc.sql("SELECT detail FROM patrol_detections WHERE point = 'AUDIT_BROKEN'").query(String.class)
				.single()).isEqualTo("2001-03-02");
		await().atMost(Duration.ofSeconds(10)).until(() -> jdbc
				.sql("SELECT COUNT(*) FROM audit_events WHERE action = 'patrol.responded' AND detail LIKE '%audit-broken%'")
				.query(Long.class).single() == 1);
		assertThat(rows("action = ?", "audit.verification-failed")).hasSize(1)
				.allSatisfy(row -> assertThat(row.get("target_id")).isEqualTo("2001-03-02"));
	}

	private long breaksReported() {
		return jdbc.sql("SELECT COUNT(*) FROM patrol_detections WHERE point = 'AUDIT_BROKEN'").query(Long.class).single();
	}
}
