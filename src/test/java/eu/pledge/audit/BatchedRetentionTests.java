package eu.pledge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Retention of more expired periods than one batch of partition drops (PostgreSQL drops them
 * {@value Partitions#DROP_BATCH} to a transaction, on several connections), with rows in the default
 * partition too, and retention giving way to a reader that holds the trail.
 */
@TestPropertySource(properties = { "pledge.test.context=audit-retention-batched", "pledge.audit.partitions-ahead=30" })
class BatchedRetentionTests extends ChainTests {

	@Value("${spring.datasource.url}")
	String url;

	@Autowired
	AuditRetention retention;

	@Autowired
	Partitions partitions;

	@Autowired
	DataSource dataSource;

	@Test
	void dropsManyExpiredPeriodsInBatchesAndTheChainStillVerifies() {
		clock.set(DAY_ONE);
		maintenance.run(); // on PostgreSQL: partitions 2001-01-01 .. 2001-01-31
		factsOn(LocalDate.parse("2000-12-31"), 2); // no partition for that day: the default partition holds them
		for (int day = 1; day <= 25; day++) {
			factsOn(LocalDate.of(2001, 1, day), 1 + day % 3);
		}
		clock.set(Instant.parse("2001-01-26T01:00:00Z"));
		maintenance.run();
		assertThat(count("audit_periods", "period < DATE '2001-01-26'")).isEqualTo(26);
		if (postgres()) {
			assertThat(partitionsBefore("2001-01-24")).isEqualTo(23);
			assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_events_default WHERE period = DATE '2000-12-31'")
					.query(Long.class).single()).isEqualTo(2);
		}

		// 60 days after the end of 2001-01-23: it and the 23 periods before it go (three batches), 01-24 stays
		clock.set(Instant.parse("2001-03-25T00:10:00Z"));
		retention.sweep(clock.instant());
		clock.set(Instant.now());

		assertThat(count("audit_events", "period < DATE '2001-01-24'")).isZero();
		assertThat(count("audit_events", "period >= DATE '2001-01-24' AND period < DATE '2001-02-01'"))
				.isEqualTo(1 + 24 % 3 + 1 + 25 % 3);
		assertThat(count("audit_periods", "period < DATE '2001-01-24'")).isZero();
		if (postgres()) {
			assertThat(partitionsBefore("2001-01-24")).as("every expired partition was dropped").isZero();
			assertThat(partitionsBefore("2001-02-01")).as("the retained ones stay").isEqualTo(8);
		}
		JsonNode verification = verification();
		assertThat(verification.get("valid").asBoolean()).isTrue();
		assertThat(verification.get("periodsChecked").asInt()).isEqualTo(2);
	}

	@Test
	void givesWayToAReaderHoldingTheTrailAndFinishesAtTheNextRun() throws Exception {
		partitions.createAhead(LocalDate.parse("2005-01-01")); // PostgreSQL: 2005-01-01 .. 2005-01-31
		for (int day = 1; day <= 12; day++) {
			factsOn(LocalDate.of(2005, 1, day), 1);
		}
		// everything before 2005-01-13 is past retention: twelve partitions with rows, two batches
		Instant later = Instant.parse("2005-03-14T00:10:00Z");

		try (Connection reader = dataSource.getConnection()) {
			reader.setAutoCommit(false);
			try (Statement statement = reader.createStatement();
					ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM audit_events WHERE period < DATE '2005-01-13'")) {
				rows.next();
				assertThat(rows.getLong(1)).isEqualTo(12);
			}
			long started = System.nanoTime();
			retention.sweep(later); // must neither fail nor wait for the reader
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
			if (postgres()) {
				assertThat(partitionsBefore("2005-01-13")).as("held back by the reader's lock").isEqualTo(12);
			}
			reader.rollback();
		}

		retention.sweep(later);
		assertThat(count("audit_events", "period >= DATE '2005-01-01' AND period < DATE '2005-01-13'")).isZero();
		if (postgres()) {
			assertThat(partitionsBefore("2005-01-13")).isZero();
			assertThat(partitionsBefore("2005-02-01")).isEqualTo(19);
		}
	}

	private boolean postgres() {
		return url.startsWith("jdbc:postgresql:");
	}

	/** The partitions of audit_events for periods of the same year as, and before, {@code day}. */
	private long partitionsBefore(String day) {
		List<String> names = jdbc.sql("""
				SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
				WHERE i.inhparent = 'audit_events'::regclass AND c.relname LIKE :prefix""")
				.param("prefix", "audit_events_p" + day.substring(0, 4) + "%").query(String.class).list();
		String limit = "audit_events_p" + day.replace("-", "");
		return names.stream().filter(name -> name.compareTo(limit) < 0).count();
	}

	private long count(String table, String where) {
		return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE " + where).query(Long.class).single();
	}
}
