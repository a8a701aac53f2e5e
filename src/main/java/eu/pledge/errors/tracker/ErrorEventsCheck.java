package eu.pledge.errors.tracker;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import eu.pledge.privacy.spi.ComplianceCheck;
import eu.pledge.privacy.spi.RetentionSettings;

/**
 * "Error events are cleared within a couple of months": no error event, and no record of which request or account
 * an issue affected, is older than {@code pledge.errors.retention} (plus one interval of the retention sweeper).
 */
@Component
class ErrorEventsCheck implements ComplianceCheck {

	private static final String OLD = """
			SELECT (SELECT COUNT(*) FROM error_events WHERE received_at < :limit)
			     + (SELECT COUNT(*) FROM error_issue_accounts WHERE seen_at < :limit)
			     + (SELECT COUNT(*) FROM error_issue_requests WHERE seen_at < :limit)""";

	private final JdbcClient jdbc;
	private final ErrorsProperties properties;
	private final RetentionSettings privacy;

	ErrorEventsCheck(JdbcClient jdbc, ErrorsProperties properties, RetentionSettings privacy) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.privacy = privacy;
	}

	@Override
	public String promise() {
		return "error-events-deleted-after-period";
	}

	@Override
	public Result check(Instant now) {
		Instant limit = now.minus(properties.retention()).minus(privacy.sweepInterval());
		long old = jdbc.sql(OLD).param("limit", Timestamp.from(limit)).query(Long.class).single();
		String period = "retention " + properties.retention().toDays() + " days";
		return old == 0 ? Result.pass("no error event older than its period (" + period + ")")
				: Result.fail(old + " error events or affected-request/account records older than their period (" + period
						+ ")");
	}
}
