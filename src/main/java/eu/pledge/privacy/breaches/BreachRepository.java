package eu.pledge.privacy.breaches;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import eu.pledge.shared.AccountId;

/** SQL for {@code privacy_breaches} and {@code privacy_breach_notices}. Sealed columns stay sealed here. */
@Repository
class BreachRepository {

	private static final String COLUMNS = """
			b.id, b.discovered_at, b.summary_sealed, b.data_categories_sealed, b.subject_categories_sealed,
			b.approximate_subjects, b.consequences_sealed, b.measures_sealed, b.high_risk, b.authority_notified_at,
			b.delay_reason_sealed, b.no_notification_reason_sealed, b.recorded_by, b.recorded_at, b.updated_at,
			(SELECT COUNT(*) FROM privacy_breach_notices n WHERE n.breach_id = b.id) AS notified""";
	private static final String INSERT = """
			INSERT INTO privacy_breaches (id, discovered_at, summary_sealed, data_categories_sealed,
				subject_categories_sealed, approximate_subjects, consequences_sealed, measures_sealed, high_risk,
				authority_notified_at, delay_reason_sealed, no_notification_reason_sealed, recorded_by, recorded_at,
				updated_at)
			VALUES (:id, :discovered, :summary, :data, :subjects, :approximate, :consequences, :measures, :highRisk,
				:notified, :delay, :noNotification, :by, :now, :now)""";
	private static final String UPDATE = """
			UPDATE privacy_breaches SET discovered_at = :discovered, summary_sealed = :summary,
				data_categories_sealed = :data, subject_categories_sealed = :subjects,
				approximate_subjects = :approximate, consequences_sealed = :consequences, measures_sealed = :measures,
				high_risk = :highRisk, authority_notified_at = :notified, delay_reason_sealed = :delay,
				no_notification_reason_sealed = :noNotification, updated_at = :now
			WHERE id = :id""";
	private static final String TOUCH = "UPDATE privacy_breaches SET updated_at = :now WHERE id = :id";
	private static final String BY_ID = "SELECT " + COLUMNS + " FROM privacy_breaches b WHERE b.id = :id";
	private static final String LOCK = "SELECT id FROM privacy_breaches WHERE id = :id FOR UPDATE";
	// Breaches whose clock still runs first, the nearest deadline (the oldest discovery) on top; then the settled
	// ones (notified, or a reason for not notifying), the newest first.
	private static final String ALL = "SELECT " + COLUMNS + """
			 FROM privacy_breaches b
			ORDER BY CASE WHEN b.authority_notified_at IS NULL AND b.no_notification_reason_sealed IS NULL THEN 0 ELSE 1 END,
				CASE WHEN b.authority_notified_at IS NULL AND b.no_notification_reason_sealed IS NULL THEN b.discovered_at END,
				b.discovered_at DESC, b.id
			LIMIT :limit""";
	private static final String NOTIFIED = """
			SELECT account_id FROM privacy_breach_notices WHERE breach_id = :breach AND account_id IS NOT NULL""";
	private static final String NOTICES = """
			SELECT account_id, notified_at FROM privacy_breach_notices WHERE breach_id = :breach
			ORDER BY notified_at, account_id LIMIT :limit""";
	private static final String INSERT_NOTICE = """
			INSERT INTO privacy_breach_notices (breach_id, account_id, notified_at) VALUES (:breach, :account, :now)""";
	private static final String NOTICES_OF_ACCOUNT = """
			SELECT breach_id, account_id, notified_at FROM privacy_breach_notices WHERE account_id = :account
			ORDER BY notified_at""";
	private static final String FORGET_ACCOUNT = "UPDATE privacy_breach_notices SET account_id = NULL WHERE account_id = :account";
	private static final String EXPIRED = """
			SELECT id FROM privacy_breaches WHERE updated_at < :cutoff ORDER BY updated_at LIMIT :limit""";
	private static final String DELETE_NOTICES = "DELETE FROM privacy_breach_notices WHERE breach_id = :id";
	private static final String DELETE = "DELETE FROM privacy_breaches WHERE id = :id";

	/** A row as stored; the sealed fields are opened with the vault key whose owner id is the breach id. */
	record Stored(UUID id, Instant discoveredAt, String summarySealed, String dataSealed, String subjectsSealed,
			Long approximateSubjects, String consequencesSealed, String measuresSealed, boolean highRisk,
			Instant authorityNotifiedAt, String delaySealed, String noNotificationSealed, AccountId recordedBy,
			Instant recordedAt, Instant updatedAt, long notified) {
	}

	/** One person told of a breach; a null account is an account erased since. */
	record Notice(UUID breach, AccountId account, Instant notifiedAt) {

		@Override
		public String toString() {
			return "Notice[breach=" + breach + ", notifiedAt=" + notifiedAt + "]";
		}
	}

	private final JdbcClient jdbc;

	BreachRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Stored breach) {
		values(jdbc.sql(INSERT), breach).param("by", breach.recordedBy().value())
				.param("now", Timestamp.from(breach.recordedAt())).update();
	}

	void update(Stored breach) {
		values(jdbc.sql(UPDATE), breach).param("now", Timestamp.from(breach.updatedAt())).update();
	}

	void touch(UUID id, Instant now) {
		jdbc.sql(TOUCH).param("id", id).param("now", Timestamp.from(now)).update();
	}

	Optional<Stored> find(UUID id) {
		return jdbc.sql(BY_ID).param("id", id).query(BreachRepository::row).optional();
	}

	/** Locks the row: changes and notices of one breach happen one after the other. */
	Optional<Stored> lock(UUID id) {
		if (jdbc.sql(LOCK).param("id", id).query(UUID.class).optional().isEmpty()) {
			return Optional.empty();
		}
		return find(id);
	}

	List<Stored> all(int limit) {
		return jdbc.sql(ALL).param("limit", limit).query(BreachRepository::row).list();
	}

	Set<AccountId> notified(UUID breach) {
		return jdbc.sql(NOTIFIED).param("breach", breach).query(UUID.class).stream().map(AccountId::new)
				.collect(Collectors.toSet());
	}

	List<Notice> notices(UUID breach, int limit) {
		return jdbc.sql(NOTICES).param("breach", breach).param("limit", limit)
				.query((rs, n) -> notice(breach, rs)).list();
	}

	void insertNotice(UUID breach, AccountId account, Instant now) {
		jdbc.sql(INSERT_NOTICE).param("breach", breach).param("account", account.value())
				.param("now", Timestamp.from(now)).update();
	}

	List<Notice> noticesOf(AccountId account) {
		return jdbc.sql(NOTICES_OF_ACCOUNT).param("account", account.value())
				.query((rs, n) -> notice(rs.getObject("breach_id", UUID.class), rs)).list();
	}

	void forget(AccountId account) {
		jdbc.sql(FORGET_ACCOUNT).param("account", account.value()).update();
	}

	List<UUID> changedBefore(Instant cutoff, int limit) {
		return jdbc.sql(EXPIRED).param("cutoff", Timestamp.from(cutoff)).param("limit", limit).query(UUID.class).list();
	}

	void delete(UUID id) {
		jdbc.sql(DELETE_NOTICES).param("id", id).update();
		jdbc.sql(DELETE).param("id", id).update();
	}

	private static JdbcClient.StatementSpec values(JdbcClient.StatementSpec statement, Stored breach) {
		Map<String, Object> values = new java.util.HashMap<>();
		values.put("id", breach.id());
		values.put("discovered", Timestamp.from(breach.discoveredAt()));
		values.put("summary", breach.summarySealed());
		values.put("data", breach.dataSealed());
		values.put("subjects", breach.subjectsSealed());
		values.put("approximate", breach.approximateSubjects());
		values.put("consequences", breach.consequencesSealed());
		values.put("measures", breach.measuresSealed());
		values.put("highRisk", breach.highRisk());
		values.put("notified", breach.authorityNotifiedAt() == null ? null : Timestamp.from(breach.authorityNotifiedAt()));
		values.put("delay", breach.delaySealed());
		values.put("noNotification", breach.noNotificationSealed());
		values.forEach(statement::param);
		return statement;
	}

	private static Notice notice(UUID breach, ResultSet rs) throws SQLException {
		UUID account = rs.getObject("account_id", UUID.class);
		return new Notice(breach, account == null ? null : new AccountId(account), rs.getTimestamp("notified_at").toInstant());
	}

	private static Stored row(ResultSet rs, int row) throws SQLException {
		Timestamp notified = rs.getTimestamp("authority_notified_at");
		Long approximate = rs.getObject("approximate_subjects", Long.class);
		return new Stored(rs.getObject("id", UUID.class), rs.getTimestamp("discovered_at").toInstant(),
				rs.getString("summary_sealed"), rs.getString("data_categories_sealed"),
				rs.getString("subject_categories_sealed"), approximate,
				rs.getString("consequences_sealed"), rs.getString("measures_sealed"), rs.getBoolean("high_risk"),
				notified == null ? null : notified.toInstant(), rs.getString("delay_reason_sealed"),
				rs.getString("no_notification_reason_sealed"), new AccountId(rs.getObject("recorded_by", UUID.class)),
				rs.getTimestamp("recorded_at").toInstant(), rs.getTimestamp("updated_at").toInstant(), rs.getLong("notified"));
	}
}
