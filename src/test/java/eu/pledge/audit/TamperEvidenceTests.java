package eu.pledge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

@TestPropertySource(properties = "pledge.test.context=audit-tamper")
class TamperEvidenceTests extends ChainTests {

	@Test
	void verificationNamesThePeriodWhoseEventWasEdited() {
		factsOn(LocalDate.parse("2001-01-01"), 3);
		factsOn(LocalDate.parse("2001-01-02"), 3);
		factsOn(LocalDate.parse("2001-01-03"), 3);
		clock.set(DAY_ONE.plus(java.time.Duration.ofDays(3)).plusSeconds(3600));
		maintenance.run();
		clock.set(java.time.Instant.now());

		JsonNode intact = verification();
		assertThat(intact.get("valid").asBoolean()).isTrue();
		assertThat(intact.get("periodsChecked").asInt()).isEqualTo(3);
		assertThat(intact.get("firstInvalidPeriod").isNull()).isTrue();

		jdbc.sql("""
				UPDATE audit_events SET detail = '{"code":"x2"}'
				WHERE id = (SELECT MIN(id) FROM audit_events WHERE period = DATE '2001-01-02')
				""").update();
		JsonNode tampered = verification();
		assertThat(tampered.get("valid").asBoolean()).isFalse();
		assertThat(tampered.get("firstInvalidPeriod").asString()).isEqualTo("2001-01-02");
	}

	@Test
	void periodsCloseOnlyAfterTheGraceTime() {
		factsOn(LocalDate.parse("2001-02-01"), 1);
		clock.set(java.time.Instant.parse("2001-02-02T00:04:00Z"));
		maintenance.run();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_periods WHERE period = DATE '2001-02-01'").query(Long.class)
				.single()).isZero();
		clock.set(java.time.Instant.parse("2001-02-02T00:05:00Z"));
		maintenance.run();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_periods WHERE period = DATE '2001-02-01'").query(Long.class)
				.single()).isOne();
	}
}
