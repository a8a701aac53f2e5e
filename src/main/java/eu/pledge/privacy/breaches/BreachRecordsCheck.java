package eu.pledge.privacy.breaches;

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
 * Breach records are kept {@code pledge.privacy.breach-retention} after their last change and no longer: read off
 * {@code privacy_breaches} itself, with one sweep interval of slack (who was told of a breach is kept with it and
 * cannot outlive it: a foreign key). A failure names the breaches by id.
 */
@Component
class BreachRecordsCheck implements ComplianceCheck {

	private static final String OLD = """
			SELECT id FROM privacy_breaches WHERE updated_at < :limit ORDER BY updated_at, id LIMIT :named""";
	private static final String COUNT_OLD = "SELECT COUNT(*) FROM privacy_breaches WHERE updated_at < :limit";
	private static final String COUNT = "SELECT COUNT(*) FROM privacy_breaches";

	private final JdbcClient jdbc;
	private final BreachProperties properties;
	private final RetentionSettings sweeper;

	BreachRecordsCheck(JdbcClient jdbc, BreachProperties properties, RetentionSettings sweeper) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.sweeper = sweeper;
	}

	@Override
	public String promise() {
		return "breach-records-deleted-after-retention";
	}

	@Override
	public Result check(Instant now) {
		Timestamp limit = Timestamp.from(properties.retentionCutoff(now).minus(sweeper.sweepInterval()));
		String period = "kept " + Periods.plain(properties.retentionAt(now)) + " after their last change";
		long old = jdbc.sql(COUNT_OLD).param("limit", limit).query(Long.class).single();
		if (old == 0) {
			return Result.pass("no breach record older than its period (" + period + ", "
					+ jdbc.sql(COUNT).query(Long.class).single() + " records)");
		}
		List<UUID> named = jdbc.sql(OLD).param("limit", limit).param("named", NAMED).query(UUID.class).list();
		return Result.fail(old + " breach records older than their period (" + period + "): "
				+ ComplianceCheck.named(named, old));
	}
}
