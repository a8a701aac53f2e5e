package eu.pledge.access;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import eu.pledge.privacy.spi.ComplianceCheck;
import eu.pledge.privacy.spi.RetentionSettings;

/**
 * An invitation (the invitee's keyed email index) is kept while its link works and no longer: read off
 * {@code access_invitations} itself, with one sweep interval of slack. A failure names each invitation by its
 * organisation and expiry (the table's key is the hash of the link's secret, which is not shown anywhere).
 */
@Component
class InvitationsCheck implements ComplianceCheck {

	private static final String EXPIRED = """
			SELECT organization_id, expires_at FROM access_invitations WHERE expires_at < :limit
			ORDER BY expires_at, organization_id LIMIT :named""";
	private static final String COUNT_EXPIRED = "SELECT COUNT(*) FROM access_invitations WHERE expires_at < :limit";
	private static final String COUNT = "SELECT COUNT(*) FROM access_invitations";

	private final JdbcClient jdbc;
	private final RetentionSettings sweeper;

	InvitationsCheck(JdbcClient jdbc, RetentionSettings sweeper) {
		this.jdbc = jdbc;
		this.sweeper = sweeper;
	}

	@Override
	public String promise() {
		return "expired-invitations-deleted";
	}

	@Override
	public Result check(Instant now) {
		Timestamp limit = Timestamp.from(now.minus(sweeper.sweepInterval()));
		long expired = jdbc.sql(COUNT_EXPIRED).param("limit", limit).query(Long.class).single();
		if (expired == 0) {
			return Result.pass("no invitation kept past its link's expiry ("
					+ jdbc.sql(COUNT).query(Long.class).single() + " pending invitations)");
		}
		List<String> named = jdbc.sql(EXPIRED).param("limit", limit).param("named", NAMED)
				.query((rs, row) -> "invitation to organisation " + rs.getObject("organization_id") + " expired "
						+ rs.getTimestamp("expires_at").toInstant())
				.list();
		return Result.fail(expired + " invitations kept past their link's expiry: " + ComplianceCheck.named(named, expired));
	}
}
