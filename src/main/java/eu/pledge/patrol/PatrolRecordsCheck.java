package eu.pledge.patrol;

import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import eu.pledge.privacy.spi.ComplianceCheck;
import eu.pledge.privacy.spi.RetentionSettings;
import eu.pledge.protection.ProtectionProperties;

/**
 * "IP addresses are kept only temporarily", for Secure Patrol: no detection or escalation record is older than
 * the record lifetime, nor past its own end (with one sweeper interval of slack).
 */
@Component
class PatrolRecordsCheck implements ComplianceCheck {

	private static final String OLD_DETECTIONS = """
			SELECT COUNT(*) FROM patrol_detections WHERE occurred_at < :limit OR expires_at < :ended""";
	private static final String OLD_OFFENDERS = """
			SELECT COUNT(*) FROM patrol_offenders WHERE updated_at < :limit OR expires_at < :ended""";

	private static final String OLD_SILENCES = """
			SELECT COUNT(*) FROM patrol_silences WHERE created_at < :limit OR expires_at < :ended""";

	private final JdbcClient jdbc;
	private final ProtectionProperties protection;
	private final RetentionSettings privacy;

	PatrolRecordsCheck(JdbcClient jdbc, ProtectionProperties protection, RetentionSettings privacy) {
		this.jdbc = jdbc;
		this.protection = protection;
		this.privacy = privacy;
	}

	@Override
	public String promise() {
		return "patrol-records-kept-temporarily";
	}

	@Override
	public Result check(Instant now) {
		Instant ended = now.minus(privacy.sweepInterval());
		Instant limit = ended.minus(protection.recordLifetime());
		long old = 0;
		for (String sql : new String[] { OLD_DETECTIONS, OLD_OFFENDERS, OLD_SILENCES }) {
			old += jdbc.sql(sql).param("limit", DetectionRecords.at(limit)).param("ended", DetectionRecords.at(ended))
					.query(Long.class).single();
		}
		return Result.noneFound(old, "Secure Patrol records older than their limit (lifetime "
				+ protection.recordLifetime().toMinutes() + " min)");
	}
}
