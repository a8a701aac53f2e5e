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
	// Locks the periods being re-sealed in form 2.
	private static final String FROM = COLUMNS + " WHERE period >= :from ORDER BY period FOR UPDATE";
	private static final String RESEAL = """
			UPDATE audit_periods SET digest = :digest, previous_digest = :previous, signature = :signature, form = :form
			WHERE period = :period""";
	private static final String OLDEST_OF_FORM = "SELECT MIN(period) FROM audit_periods WHERE form = :form";
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

	/** The closed periods from {@code from} on, oldest first, locked until the transaction ends. */
	List<ClosedPeriod> lockFrom(LocalDate from) {
		return jdbc.sql(FROM).param("from", from).query(AuditPeriods::read).list();
	}

	void reseal(LocalDate period, int form, String digest, String previousDigest, String signature) {
		jdbc.sql(RESEAL).param("period", period).param("digest", digest).param("previous", previousDigest)
				.param("signature", signature).param("form", form).update();
	}

	/** The oldest closed period sealed in {@code form}, if any. */
	Optional<LocalDate> oldestOfForm(int form) {
		return jdbc.sql(OLDEST_OF_FORM).param("form", form).query(LocalDate.class).optional();
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
