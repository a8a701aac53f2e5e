package eu.pledge.errors.tracker;

import static eu.pledge.errors.tracker.IssueRepository.ts;

import java.time.Clock;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import eu.pledge.privacy.spi.BatchedSweep;
import eu.pledge.privacy.spi.RetentionRule;

/**
 * Deletes error events older than {@code pledge.errors.retention}, with the requests and accounts issues
 * affected back then, the tag values last seen then and the hours of the trend that old. An issue still open (or ignored) stays, without personal context; a resolved or merged
 * issue whose last event is gone goes entirely. Runs on its own schedule until the privacy module's sweeper
 * runs every rule; deletes in committed batches, so it is idempotent and resumable, and safe on many nodes.
 */
@Component
class ErrorRetention implements RetentionRule {

	private static final int BATCH = 1000;
	private static final String OLD_EVENTS = """
			DELETE FROM error_events WHERE id IN (SELECT id FROM error_events WHERE received_at < :cutoff LIMIT :batch)""";
	private static final String OLD_ACCOUNTS = "DELETE FROM error_issue_accounts WHERE seen_at < :cutoff";
	private static final String OLD_REQUESTS = "DELETE FROM error_issue_requests WHERE seen_at < :cutoff";
	private static final String OLD_TAGS = "DELETE FROM error_issue_tags WHERE last_seen < :cutoff";
	private static final String OLD_HOURS = "DELETE FROM error_issue_hours WHERE hour_start < :cutoff";
	private static final String OLD_ALERTS = "DELETE FROM error_alerts WHERE mailed = TRUE AND created_at < :cutoff";
	private static final String CLOSED_ISSUES = """
			SELECT id FROM error_issues WHERE status IN ('resolved', 'merged') AND last_seen < :cutoff LIMIT :batch""";
	private static final String CLOSED_ISSUE = """
			DELETE FROM error_issues WHERE id = :id AND status IN ('resolved', 'merged') AND last_seen < :cutoff""";
	private static final String[] ISSUE_TABLES = { "error_fingerprints", "error_issue_releases", "error_issue_history",
			"error_comments", "error_alerts", "error_issue_tags", "error_issue_hours" };

	private final JdbcClient jdbc;
	private final TransactionTemplate transactions;
	private final BatchedSweep batches;
	private final ErrorsProperties properties;
	private final Clock clock;

	ErrorRetention(JdbcClient jdbc, org.springframework.transaction.PlatformTransactionManager transactionManager,
			ErrorsProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.batches = new BatchedSweep(transactionManager);
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public String name() {
		return "error-events";
	}

	@Override
	public String category() {
		return "error-events";
	}

	@Override
	public long sweep(Instant now) {
		Instant cutoff = now.minus(properties.retention());
		long deleted = batches.run(BATCH, size -> BatchedSweep.Batch
				.of(jdbc.sql(OLD_EVENTS).param("cutoff", ts(cutoff)).param("batch", size).update()));
		deleted += inTransaction(() -> jdbc.sql(OLD_ACCOUNTS).param("cutoff", ts(cutoff)).update());
		inTransaction(() -> jdbc.sql(OLD_REQUESTS).param("cutoff", ts(cutoff)).update());
		inTransaction(() -> jdbc.sql(OLD_TAGS).param("cutoff", ts(cutoff)).update());
		inTransaction(() -> jdbc.sql(OLD_HOURS).param("cutoff", ts(cutoff.minus(java.time.Duration.ofHours(1)))).update());
		inTransaction(() -> jdbc.sql(OLD_ALERTS).param("cutoff", ts(now.minus(java.time.Duration.ofDays(1)))).update());
		batches.run(BATCH, size -> {
			java.util.List<Long> closed = jdbc.sql(CLOSED_ISSUES).param("cutoff", ts(cutoff)).param("batch", size)
					.query(Long.class).list();
			for (Long issue : closed) {
				// The issue first, and only while it is still closed and old: an event storing itself in it (it
				// regressed) or a comment holds its row until it commits, and then the issue stays with all its parts.
				if (jdbc.sql(CLOSED_ISSUE).param("id", issue).param("cutoff", ts(cutoff)).update() == 0) {
					continue;
				}
				for (String table : ISSUE_TABLES) {
					jdbc.sql("DELETE FROM " + table + " WHERE issue_id = :id").param("id", issue).update();
				}
				jdbc.sql("DELETE FROM error_events WHERE issue_id = :id").param("id", issue).update();
			}
			return BatchedSweep.Batch.of(closed.size());
		});
		return deleted;
	}

	private int inTransaction(java.util.function.IntSupplier work) {
		Integer result = transactions.execute(status -> work.getAsInt());
		return result == null ? 0 : result;
	}
}
