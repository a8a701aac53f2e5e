package eu.pledge.privacy.requests;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import eu.pledge.privacy.notice.Periods;
import eu.pledge.privacy.spi.ComplianceCheck;
import eu.pledge.privacy.spi.RetentionSettings;

/**
 * Closed data-subject requests are kept {@code pledge.privacy.request-retention} and no longer: read off
 * {@code privacy_requests} itself (not off the rule's last run), with one sweep interval of slack. A failure names
 * the requests by id.
 */
@Component
class RequestRecordsCheck implements ComplianceCheck {

	private static final String OLD = """
			SELECT id FROM privacy_requests WHERE closed_at IS NOT NULL AND closed_at < :limit
			ORDER BY closed_at, id LIMIT :named""";
	private static final String COUNT_OLD = """
			SELECT COUNT(*) FROM privacy_requests WHERE closed_at IS NOT NULL AND closed_at < :limit""";
	private static final String COUNT_CLOSED = "SELECT COUNT(*) FROM privacy_requests WHERE closed_at IS NOT NULL";

	private final JdbcClient jdbc;
	private final RequestProperties properties;
	private final RetentionSettings sweeper;

	RequestRecordsCheck(JdbcClient jdbc, RequestProperties properties, RetentionSettings sweeper) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.sweeper = sweeper;
	}

	@Override
	public String promise() {
		return "closed-requests-deleted-after-retention";
	}

	@Override
	public Result check(Instant now) {
		Timestamp limit = Timestamp.from(now.minus(properties.requestRetention()).minus(sweeper.sweepInterval()));
		String period = "kept " + Periods.plain(properties.requestRetention()) + " after closing";
		long old = jdbc.sql(COUNT_OLD).param("limit", limit).query(Long.class).single();
		if (old == 0) {
			long closed = jdbc.sql(COUNT_CLOSED).query(Long.class).single();
			return Result.pass("no closed data-subject request older than its period (" + period + ", " + closed
					+ " closed requests)");
		}
		List<UUID> named = jdbc.sql(OLD).param("limit", limit).param("named", NAMED).query(UUID.class).list();
		return Result.fail(old + " closed data-subject requests older than their period (" + period + "): "
				+ ComplianceCheck.named(named, old));
	}
}
