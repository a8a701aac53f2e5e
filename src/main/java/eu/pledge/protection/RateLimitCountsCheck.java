package eu.pledge.protection;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import eu.pledge.privacy.spi.ComplianceCheck;
import eu.pledge.privacy.spi.RetentionSettings;

/**
 * "IP addresses are kept only temporarily", for the rate limiter's counts (the contact form's
 * {@code contact-submissions}, the error ingest's, …: keyed hashes of addresses): no count is kept past the end of
 * its window, nor longer than {@code pledge.protection.record-lifetime}, with one sweep interval of slack. Read off
 * {@code protection_rate_limits} itself; a failure names each count by its bucket and window (never the key).
 */
@Component
class RateLimitCountsCheck implements ComplianceCheck {

	private static final String OLD_WHERE = " FROM protection_rate_limits WHERE window_end < :ended OR window_start < :limit";
	private static final String OLD = "SELECT bucket, window_start, window_end" + OLD_WHERE
			+ " ORDER BY window_end, bucket LIMIT :named";
	private static final String COUNT_OLD = "SELECT COUNT(*)" + OLD_WHERE;
	private static final String COUNT = "SELECT COUNT(*) FROM protection_rate_limits";

	private final JdbcClient jdbc;
	private final ProtectionProperties properties;
	private final RetentionSettings sweeper;

	RateLimitCountsCheck(JdbcClient jdbc, ProtectionProperties properties, RetentionSettings sweeper) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.sweeper = sweeper;
	}

	@Override
	public String promise() {
		return "rate-limit-counts-kept-temporarily";
	}

	@Override
	public Result check(Instant now) {
		Instant ended = now.minus(sweeper.sweepInterval());
		Instant limit = ended.minus(properties.recordLifetime());
		long old = jdbc.sql(COUNT_OLD).param("ended", Timestamps.at(ended)).param("limit", Timestamps.at(limit))
				.query(Long.class).single();
		String lifetime = "lifetime " + properties.recordLifetime().toMinutes() + " min";
		if (old == 0) {
			return Result.pass("no rate-limit count kept past its window (" + lifetime + ", "
					+ jdbc.sql(COUNT).query(Long.class).single() + " counts)");
		}
		List<String> named = jdbc.sql(OLD).param("ended", Timestamps.at(ended)).param("limit", Timestamps.at(limit))
				.param("named", NAMED)
				.query((rs, row) -> "bucket " + rs.getString("bucket") + " window "
						+ rs.getTimestamp("window_start").toInstant() + " to " + rs.getTimestamp("window_end").toInstant())
				.list();
		return Result.fail(old + " rate-limit counts kept past their window (" + lifetime + "): "
				+ ComplianceCheck.named(named, old));
	}
}
