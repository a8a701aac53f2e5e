package eu.pledge.audit;

import java.time.Instant;
import java.time.LocalDate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import eu.pledge.privacy.spi.ComplianceCheck;
import eu.pledge.privacy.spi.RetentionRule;

/**
 * "Audit logs are cleared every 2 months": the retention rule the privacy module's sweeper runs (whole periods,
 * in committed batches, see {@link AuditMaintenance#applyRetention(Instant)}), and the compliance check that no
 * event outlived it.
 */
@Component
class AuditRetention implements RetentionRule, ComplianceCheck {

	private static final String OLDER = "SELECT COUNT(*) FROM audit_events WHERE period < :before";

	private final AuditMaintenance maintenance;
	private final AuditProperties properties;
	private final JdbcClient jdbc;

	AuditRetention(AuditMaintenance maintenance, AuditProperties properties, JdbcClient jdbc) {
		this.maintenance = maintenance;
		this.properties = properties;
		this.jdbc = jdbc;
	}

	@Override
	public String name() {
		return "audit-events";
	}

	@Override
	public String category() {
		return "audit-events";
	}

	@Override
	public long sweep(Instant now) {
		return maintenance.applyRetention(now);
	}

	@Override
	public String promise() {
		return "audit-events-cleared-after-retention";
	}

	@Override
	public Result check(Instant now) {
		// one period of slack: a period is deleted whole once it ended more than the retention ago
		LocalDate before = properties.periodOf(now.minus(properties.retention()).minus(properties.period()));
		long old = jdbc.sql(OLDER).param("before", before).query(Long.class).single();
		String rule = "retention " + properties.retention().toDays() + " days, periods of " + properties.period().toDays()
				+ " day(s)";
		return old == 0 ? Result.pass("no audit event older than its period (" + rule + ")")
				: Result.fail(old + " audit events older than their period (" + rule + ")");
	}
}
