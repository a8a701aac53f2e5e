package eu.pledge.sessions;

import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import eu.pledge.privacy.spi.BatchedSweep;
import eu.pledge.privacy.spi.ComplianceCheck;
import eu.pledge.privacy.spi.RetentionRule;

/**
 * Deletes sessions that ended by timeout: idle past their expiry, or older than the absolute timeout however
 * active. This replaces Spring Session's own cleanup job (disabled in application.yml) so the privacy module's
 * sweeper runs it under its lease and records it. Attributes go with their session (ON DELETE CASCADE); each
 * batch commits on its own.
 */
@Component
class ExpiredSessions implements RetentionRule, ComplianceCheck {

	// H2 and PostgreSQL both accept a bounded DELETE when the bound is a sub-select on the key.
	private static final String DELETE_BATCH = """
			DELETE FROM spring_session WHERE primary_id IN (SELECT primary_id FROM spring_session
			  WHERE expiry_time < :now OR creation_time < :created LIMIT :batch)""";
	private static final String COUNT = """
			SELECT COUNT(*) FROM spring_session WHERE expiry_time < :now OR creation_time < :created""";
	private static final int BATCH = 1000;

	private final JdbcClient jdbc;
	private final SessionsProperties properties;
	private final BatchedSweep batches;

	ExpiredSessions(JdbcClient jdbc, SessionsProperties properties, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.batches = new BatchedSweep(transactions);
	}

	@Override
	public String name() {
		return "expired-sessions";
	}

	@Override
	public String category() {
		return "sessions";
	}

	@Override
	public long sweep(Instant now) {
		return batches.run(BATCH, size -> BatchedSweep.Batch.of(jdbc.sql(DELETE_BATCH).param("now", now.toEpochMilli())
				.param("created", now.minus(properties.absoluteTimeout()).toEpochMilli()).param("batch", size).update()));
	}

	@Override
	public String promise() {
		return "sessions-end-on-timeout";
	}

	@Override
	public Result check(Instant now) {
		// one hour of slack for the sweeper's interval
		Instant then = now.minusSeconds(3600);
		long stale = jdbc.sql(COUNT).param("now", then.toEpochMilli())
				.param("created", then.minus(properties.absoluteTimeout()).toEpochMilli()).query(Long.class).single();
		String rule = "idle " + properties.idleTimeout().toMinutes() + " min, absolute " + properties.absoluteTimeout().toHours() + " h";
		return stale == 0 ? Result.pass("no session kept past its timeout (" + rule + ")")
				: Result.fail(stale + " sessions kept past their timeout (" + rule + ")");
	}
}
