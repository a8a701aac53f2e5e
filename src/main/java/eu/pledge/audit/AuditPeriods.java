package eu.pledge.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code audit_periods} table: one signed link of the chain per closed period. */
@Repository
class AuditPeriods {

	private static final String INSERT = """
			INSERT INTO audit_periods (period, event_count, digest, previous_digest, signature, closed_at, form)
			VALUES (:period, :count, :digest, :previous, :signature, :closedAt, :form)
			""";
	private static final String COLUMNS = """
			SELECT period, event_count, digest, previous_digest, signature, closed_at, form FROM audit_periods""";
	private static final String LATEST = COLUMNS + " ORDER BY period DESC LIMIT 1";
	private static final String ALL = COLUMNS + " ORDER BY period";
	private static final String DELETE_BEFORE = "DELETE FROM audit_periods WHERE period < :before";

	private final JdbcClient jdbc;

	AuditPeriods(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(ClosedPeriod period) {
		jdbc.sql(INSERT).param("period", period.period()).param("count", period.eventCount())
				.param("digest", period.digest()).param("previous", period.previousDigest())
				.param("signature", period.signature()).param("closedAt", AuditEvents.utc(period.closedAt()))
				.param("form", period.form()).update();
	}

	Optional<ClosedPeriod> latest() {
		return jdbc.sql(LATEST).query(AuditPeriods::read).optional();
	}

	/** Oldest first: the first one's previous digest anchors the chain after retention deleted its ancestors. */
	List<ClosedPeriod> all() {
		return jdbc.sql(ALL).query(AuditPeriods::read).list();
	}

	int deleteBefore(LocalDate before) {
		return jdbc.sql(DELETE_BEFORE).param("before", before).update();
	}

	private static ClosedPeriod read(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new ClosedPeriod(rs.getObject("period", LocalDate.class), rs.getLong("event_count"),
				rs.getString("digest"), rs.getString("previous_digest"), rs.getString("signature"),
				rs.getObject("closed_at", OffsetDateTime.class).toInstant(), rs.getInt("form"));
	}

	/**
	 * Digests and signature in lower-case hex; {@code form} says what the digest covers (see {@link Chain}).
	 */
	record ClosedPeriod(LocalDate period, long eventCount, String digest, String previousDigest, String signature,
			Instant closedAt, int form) {
	}
}
