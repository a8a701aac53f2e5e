package eu.pledge.privacy.retention;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Leases on retention rules, in the database every node shares: plain UPDATEs that work the same on H2 and
 * PostgreSQL. Each statement commits on its own (no surrounding transaction), so a lease is visible to the other
 * nodes at once.
 */
@Repository
public class SweepLocks {

	private static final String CREATE = """
			INSERT INTO privacy_sweep_locks (rule) SELECT :rule
			WHERE NOT EXISTS (SELECT 1 FROM privacy_sweep_locks WHERE rule = :rule)""";
	// Taking a lease is one conditional UPDATE: of two nodes, exactly one sees a row changed.
	private static final String ACQUIRE = """
			UPDATE privacy_sweep_locks SET owner = :owner, lease_until = :until, last_started_at = :now
			WHERE rule = :rule AND (lease_until IS NULL OR lease_until < :now)""";
	// A rule whose last run started after :due (on any node) is not due yet, so nodes on their own schedules
	// run it once in all.
	private static final String ACQUIRE_IF_DUE = ACQUIRE + " AND (last_started_at IS NULL OR last_started_at <= :due)";
	private static final String FINISH = """
			UPDATE privacy_sweep_locks SET owner = NULL, lease_until = NULL, last_finished_at = :now,
			last_count = :count, last_outcome = :outcome
			WHERE rule = :rule AND owner = :owner""";
	private static final String LIST = """
			SELECT rule, last_started_at, last_finished_at, last_count, last_outcome FROM privacy_sweep_locks
			ORDER BY rule""";

	public record LastRun(String rule, Instant startedAt, Instant finishedAt, Long count, String outcome) {
	}

	private final JdbcClient jdbc;

	SweepLocks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Leases the rule unless another node holds it; an explicit run, due whenever it is free. */
	boolean acquire(String rule, String owner, Instant now, Duration lease) {
		return acquire(rule, owner, now, lease, null);
	}

	/** Leases the rule unless another node holds it or its last run started after {@code due} (null: any time). */
	boolean acquire(String rule, String owner, Instant now, Duration lease, Instant due) {
		try {
			jdbc.sql(CREATE).param("rule", rule).update();
		}
		catch (DuplicateKeyException raced) {
			// another node created the row at the same moment: fine, the UPDATE below decides
		}
		var acquire = jdbc.sql(due == null ? ACQUIRE : ACQUIRE_IF_DUE).param("rule", rule).param("owner", owner)
				.param("until", Timestamp.from(now.plus(lease))).param("now", Timestamp.from(now));
		if (due != null) {
			acquire = acquire.param("due", Timestamp.from(due));
		}
		return acquire.update() == 1;
	}

	void finish(String rule, String owner, Instant now, Long count, String outcome) {
		jdbc.sql(FINISH).param("rule", rule).param("owner", owner).param("now", Timestamp.from(now))
				.param("count", count).param("outcome", outcome).update();
	}

	public List<LastRun> lastRuns() {
		return jdbc.sql(LIST).query((rs, row) -> new LastRun(rs.getString("rule"), instant(rs.getTimestamp("last_started_at")),
				instant(rs.getTimestamp("last_finished_at")), (Long) rs.getObject("last_count", Long.class),
				rs.getString("last_outcome"))).list();
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
