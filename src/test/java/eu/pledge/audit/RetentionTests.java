package eu.pledge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

@TestPropertySource(properties = "pledge.test.context=audit-retention")
class RetentionTests extends ChainTests {

	@Value("${spring.datasource.url}")
	String url;

	@org.springframework.beans.factory.annotation.Autowired
	AuditRetention retention;

	@Test
	void deletesWholePeriodsPastRetentionAndTheChainStillVerifies() {
		clock.set(DAY_ONE);
		maintenance.run(); // partitions for the days to come, on PostgreSQL
		factsOn(LocalDate.parse("2001-01-01"), 3);
		factsOn(LocalDate.parse("2001-01-02"), 2);
		factsOn(LocalDate.parse("2001-01-03"), 4);
		clock.set(DAY_ONE.plus(Duration.ofDays(3)).plusSeconds(3600));
		maintenance.run();
		assertThat(count("audit_periods", "period < DATE '2002-01-01'")).isEqualTo(3);

		// 60 days after the end of 2001-01-02: it and 2001-01-01 go, 2001-01-03 stays
		clock.set(DAY_ONE.plus(Duration.ofDays(2 + 60)).plusSeconds(60));
		maintenance.run();
		retention.sweep(clock.instant()); // the privacy module's sweeper runs this rule
		clock.set(java.time.Instant.now());

		assertThat(count("audit_events", "period < DATE '2001-01-03'")).isZero();
		assertThat(count("audit_events", "period = DATE '2001-01-03'")).isEqualTo(4);
		assertThat(count("audit_periods", "period < DATE '2001-01-03'")).isZero();
		assertThat(jdbc.sql("SELECT previous_digest FROM audit_periods WHERE period = DATE '2001-01-03'")
				.query(String.class).single()).isNotEqualTo(Chain.GENESIS);
		if (url.startsWith("jdbc:postgresql:")) {
			assertThat(jdbc.sql("SELECT to_regclass('audit_events_p20010101') IS NULL").query(Boolean.class).single())
					.as("the partition was dropped").isTrue();
			assertThat(jdbc.sql("SELECT to_regclass('audit_events_p20010103') IS NOT NULL").query(Boolean.class).single())
					.isTrue();
		}

		JsonNode verification = verification();
		assertThat(verification.get("valid").asBoolean()).isTrue();
		assertThat(verification.get("periodsChecked").asInt()).isEqualTo(1);
	}

	@Test
	void thePartitionsOfTodayAndAheadExistFromTheStartWithoutAMaintenanceRun() {
		// The first maintenance run comes one interval (here a day) after the start; this test runs none.
		if (url.startsWith("jdbc:postgresql:")) {
			String today = "audit_events_p" + LocalDate.now(java.time.ZoneOffset.UTC).toString().replace("-", "");
			assertThat(jdbc.sql("SELECT to_regclass(:name) IS NOT NULL").param("name", today).query(Boolean.class)
					.single()).as(today).isTrue();
		}
	}

	private long count(String table, String where) {
		return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE " + where).query(Long.class).single();
	}
}
