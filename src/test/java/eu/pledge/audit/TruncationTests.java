package eu.pledge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Issue 11: deleting the newest closed period together with its events went unnoticed — the chain verified with
 * one period fewer, also after the next maintenance run. The trail's tail is now evident: the verification names
 * the missing period, and maintenance neither seals it again nor hides it while the chain goes on. Retention,
 * which deletes the oldest periods on purpose, stays unremarkable.
 */
@TestPropertySource(properties = "pledge.test.context=audit-truncation")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class TruncationTests extends ChainTests {

	@Test
	void deletingTheNewestClosedPeriodWithItsEventsIsNamedAndStaysEvidentAfterMaintenance() {
		factsOn(LocalDate.parse("2001-01-01"), 3);
		factsOn(LocalDate.parse("2001-01-02"), 3);
		factsOn(LocalDate.parse("2001-01-03"), 3);
		closeAt(Instant.parse("2001-01-04T01:00:00Z"));
		JsonNode intact = verification();
		assertThat(intact.get("valid").asBoolean()).isTrue();
		assertThat(intact.get("newestPeriod").asString()).isEqualTo("2001-01-03");

		deletePeriod("2001-01-03", true);

		assertNamesMissing(verification(), "2001-01-03");
		closeAt(Instant.parse("2001-01-04T02:00:00Z")); // the next maintenance run
		assertNamesMissing(verification(), "2001-01-03");

		factsOn(LocalDate.parse("2001-01-05"), 2);
		closeAt(Instant.parse("2001-01-06T01:00:00Z"));
		assertThat(periods("period = DATE '2001-01-05' AND event_count = 2")).as("the chain goes on").isOne();
		JsonNode later = verification();
		assertNamesMissing(later, "2001-01-03");
		assertThat(later.get("newestPeriod").asString()).isEqualTo("2001-01-05");
	}

	@Test
	void aDeletedPeriodWhoseEventsWereEditedIsNotSealedAgainOverTheEdit() {
		factsOn(LocalDate.parse("2001-02-01"), 2);
		factsOn(LocalDate.parse("2001-02-02"), 2);
		closeAt(Instant.parse("2001-02-03T01:00:00Z"));
		jdbc.sql("""
				UPDATE audit_events SET detail = '{"code":"forged"}'
				WHERE id = (SELECT MIN(id) FROM audit_events WHERE period = DATE '2001-02-02')""").update();

		deletePeriod("2001-02-02", false);
		closeAt(Instant.parse("2001-02-03T02:00:00Z"));

		assertNamesMissing(verification(), "2001-02-02");
	}

	@Test
	void anUpgradedTrailAdoptsItsNewestPeriodAndTheHeadCanBeNeitherMovedBackNorDeleted() {
		factsOn(LocalDate.parse("2001-03-01"), 1);
		factsOn(LocalDate.parse("2001-03-02"), 1);
		closeAt(Instant.parse("2001-03-03T01:00:00Z"));
		// As the migration leaves a trail closed before the head existed: the next maintenance run adopts it.
		jdbc.sql("UPDATE audit_chain_head SET period = NULL, signature = NULL").update();
		assertThat(verification().get("valid").asBoolean()).isTrue();
		closeAt(Instant.parse("2001-03-03T02:00:00Z"));
		assertThat(jdbc.sql("SELECT period FROM audit_chain_head").query(LocalDate.class).single())
				.isEqualTo("2001-03-02");
		assertThat(verification().get("valid").asBoolean()).isTrue();

		deletePeriod("2001-03-02", true);
		jdbc.sql("UPDATE audit_chain_head SET period = DATE '2001-03-01'").update();
		JsonNode movedBack = verification();
		assertThat(movedBack.get("valid").asBoolean()).isFalse();
		assertThat(movedBack.get("reason").asString()).contains("head");

		jdbc.sql("DELETE FROM audit_chain_head").update();
		factsOn(LocalDate.parse("2001-03-04"), 1);
		closeAt(Instant.parse("2001-03-05T01:00:00Z"));
		assertThat(periods("period > DATE '2001-03-01'")).as("nothing is closed without the head").isZero();
		JsonNode deleted = verification();
		assertThat(deleted.get("valid").asBoolean()).isFalse();
		assertThat(deleted.get("reason").asString()).contains("head");
	}

	@Test
	void retentionMayDeleteTheWholeChainButNothingElseMay() {
		factsOn(LocalDate.parse("2001-04-01"), 2);
		factsOn(LocalDate.parse("2001-04-02"), 2);
		closeAt(Instant.parse("2001-04-03T01:00:00Z"));

		// Every closed period deleted while 2001-04-02 is still within retention: the head names it.
		deletePeriod("2001-04-01", true);
		deletePeriod("2001-04-02", true);
		clock.set(Instant.parse("2001-04-20T00:00:00Z"));
		assertNamesMissing(verification(), "2001-04-02");

		// 60 days after the end of 2001-04-02 retention would have deleted it: nothing is missing.
		clock.set(Instant.parse("2001-06-02T00:10:00Z"));
		JsonNode expired = verification();
		assertThat(expired.get("valid").asBoolean()).isTrue();
		assertThat(expired.get("periodsChecked").asInt()).isZero();
		factsOn(LocalDate.parse("2001-06-02"), 1);
		closeAt(Instant.parse("2001-06-03T01:00:00Z"));
		assertThat(verification().get("valid").asBoolean()).isTrue();
	}

	private void closeAt(Instant instant) {
		clock.set(instant);
		maintenance.run();
		clock.set(Instant.now());
	}

	/** What someone with write access to the database does: the period's row, and its events if asked. */
	private void deletePeriod(String period, boolean withEvents) {
		jdbc.sql("DELETE FROM audit_periods WHERE period = CAST(:period AS DATE)").param("period", period).update();
		if (withEvents) {
			jdbc.sql("DELETE FROM audit_events WHERE period = CAST(:period AS DATE)").param("period", period).update();
		}
	}

	private static void assertNamesMissing(JsonNode verification, String period) {
		assertThat(verification.get("valid").asBoolean()).as(verification.toString()).isFalse();
		assertThat(verification.get("missingPeriod").asString()).as(verification.toString()).isEqualTo(period);
		assertThat(verification.get("firstInvalidPeriod").asString()).isEqualTo(period);
	}

	private long periods(String where) {
		return jdbc.sql("SELECT COUNT(*) FROM audit_periods WHERE " + where).query(Long.class).single();
	}
}
