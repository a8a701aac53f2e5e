package eu.pledge.protection;

import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import eu.pledge.privacy.spi.ComplianceCheck;
import eu.pledge.privacy.spi.RetentionSettings;

/**
 * "IP addresses are kept only temporarily": no record holding an address is older than the configured lifetime
 * after its last update, nor past its own expiry (the sweeper runs every few minutes, so one interval of slack).
 */
@Component
class ExpiredRecordsCheck implements ComplianceCheck {

	private static final String[] TABLES = { "protection_addresses", "protection_throttles", "protection_known_addresses",
			"protection_decisions", "protection_decision_locks" };

	private final JdbcClient jdbc;
	private final ProtectionProperties properties;
	private final RetentionSettings privacy;

	ExpiredRecordsCheck(JdbcClient jdbc, ProtectionProperties properties, RetentionSettings privacy) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.privacy = privacy;
	}

	@Override
	public String promise() {
		return "ip-addresses-kept-temporarily";
	}

	@Override
	public Result check(Instant now) {
		Instant limit = now.minus(properties.recordLifetime()).minus(privacy.sweepInterval());
		long old = 0;
		long total = 0;
		for (String table : TABLES) {
			old += jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE updated_at < :limit OR expires_at < :expired")
					.param("limit", Timestamps.at(limit)).param("expired", Timestamps.at(now.minus(privacy.sweepInterval())))
					.query(Long.class).single();
			total += jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
		}
		String lifetime = "lifetime " + properties.recordLifetime().toMinutes() + " min, " + total + " records";
		return old == 0 ? Result.pass("no IP record older than its limit (" + lifetime + ")")
				: Result.fail(old + " IP records older than their limit (" + lifetime + ")");
	}
}
