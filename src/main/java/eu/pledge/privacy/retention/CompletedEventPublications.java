package eu.pledge.privacy.retention;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import eu.pledge.privacy.PrivacyProperties;
import eu.pledge.privacy.spi.BatchedSweep;
import eu.pledge.privacy.spi.RetentionRule;

/**
 * The event publication registry keeps every completed publication (Spring Modulith's default completion mode);
 * each names the account ids of its event, so without this rule those ids would stay forever. Deletes
 * publications completed more than {@code pledge.privacy.completed-event-retention} ago, in bounded batches that
 * each commit. Incomplete ones stay: they are still to be delivered.
 */
@Component
class CompletedEventPublications implements RetentionRule {

	// H2 and PostgreSQL both accept a bounded DELETE when the bound is a sub-select on the key.
	private static final String DELETE_BATCH = """
			DELETE FROM event_publication WHERE id IN (SELECT id FROM event_publication
			  WHERE completion_date IS NOT NULL AND completion_date < :cutoff LIMIT :batch)""";
	private static final int BATCH = 5000;

	private final JdbcClient jdbc;
	private final PrivacyProperties properties;
	private final BatchedSweep batches;

	CompletedEventPublications(JdbcClient jdbc, PrivacyProperties properties, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.batches = new BatchedSweep(transactions);
	}

	@Override
	public String name() {
		return "completed-event-publications";
	}

	@Override
	public String category() {
		return "audit-events";
	}

	@Override
	public long sweep(Instant now) {
		Timestamp cutoff = Timestamp.from(now.minus(properties.completedEventRetention()));
		return batches.run(BATCH,
				size -> BatchedSweep.Batch.of(jdbc.sql(DELETE_BATCH).param("cutoff", cutoff).param("batch", size).update()));
	}
}
