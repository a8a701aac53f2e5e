package eu.pledge.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code audit_events} table: appending, searching, reading a period in id order, deleting old periods. */
@Repository
class AuditEvents {

	// Positional and set by type: every audited action runs it, so it skips the named-parameter and
	// type-guessing layers (a fifth of the JVM's time per action; docs/PERFORMANCE.md).
	private static final String INSERT = """
			INSERT INTO audit_events (period, occurred_at, actor, action, target_type, target_id, outcome, request_id, detail,
			  mentioned)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			""";
	private static final String COLUMNS = """
			SELECT id, period, occurred_at, actor, action, target_type, target_id, outcome, request_id, detail
			FROM audit_events""";
	// A period as its digest covers it in form 2: each row with the sealed pseudonyms of its actor and target.
	private static final String IN_PERIOD_SEALED = """
			SELECT e.id, e.period, e.occurred_at, e.actor, e.action, e.target_type, e.target_id, e.outcome,
			  e.request_id, e.detail, sa.pseudonym AS actor_pseudonym, st.pseudonym AS target_pseudonym
			FROM audit_events e
			LEFT JOIN audit_subjects sa ON sa.subject = CAST(e.actor AS VARCHAR(36))
			LEFT JOIN audit_subjects st ON st.subject = e.target_id
			WHERE e.period = :period ORDER BY e.id""";
	// What a checkpoint covers: the rows as stored, in the order of the (occurred_at, id) index both databases
	// have (PostgreSQL: the key), so a checkpoint reads its minute and nothing else; period prunes the partitions.
	private static final String BETWEEN = COLUMNS
			+ " WHERE period = :period AND occurred_at > :after AND occurred_at <= :through ORDER BY occurred_at, id";
	private static final String TIME_AFTER = """
			SELECT occurred_at FROM audit_events
			WHERE period = :period AND occurred_at > :after AND occurred_at <= :through
			ORDER BY occurred_at, id LIMIT 1 OFFSET :skip""";
	// H2: the key (period, id) answers it.
	private static final String NEXT_PERIOD = """
			SELECT MIN(period) FROM audit_events WHERE period > :after AND period < :before""";
	// PostgreSQL has no index with period first (each index entry costs every audited action): the partitions
	// of the range are looked into one by one, a row each, and the default partition (normally empty) whole.
	private static final String NEXT_PERIOD_IN_DEFAULT = """
			SELECT MIN(period) FROM audit_events_default WHERE period > :after AND period < :before""";
	private static final String ANY_ROW = "SELECT 1 FROM %s LIMIT 1";
	private static final LocalDate BEFORE_ALL = LocalDate.of(1970, 1, 1);
	// H2 and PostgreSQL both accept a bounded DELETE when the bound is a sub-select on the key.
	private static final String DELETE_BATCH = """
			DELETE FROM %s WHERE (period, id) IN
			  (SELECT period, id FROM %s WHERE period < :before LIMIT :batch)
			""";
	// Events about an account: it acted, it was the target, or it is mentioned (the detail's "account", e.g.
	// the member removed). Three indexes, no scan of the trail.
	private static final String ABOUT = " WHERE actor = :actor OR target_id = :target OR mentioned = :actor";
	private static final String ABOUT_ACCOUNT = COLUMNS + ABOUT + " ORDER BY occurred_at, id";
	private static final String TIMES_ABOUT = "SELECT DISTINCT period, occurred_at FROM audit_events" + ABOUT;
	// One pass over the account's rows: each row gets one new version, not one per column. Every value is
	// computed from the row as it was, so the detail is rewritten in the rows the person acted in, was the
	// target of or is mentioned in.
	private static final String PSEUDONYMISE = """
			UPDATE audit_events SET
			  actor = CASE WHEN actor = :actor THEN :pseudonym ELSE actor END,
			  target_id = CASE WHEN target_id = :target THEN :pseudonymText ELSE target_id END,
			  mentioned = CASE WHEN mentioned = :actor THEN :pseudonym ELSE mentioned END,
			  detail = REPLACE(detail, :target, :pseudonymText)""" + ABOUT;
	static final String MENTIONED_KEY = "account";
	// The action index answers it; the actor of a successful sign-in is the account that signed in.
	private static final String SIGNED_IN = """
			SELECT DISTINCT actor FROM audit_events
			WHERE action = 'login.succeeded' AND outcome = 'SUCCESS' AND actor IS NOT NULL
			  AND occurred_at >= :from AND occurred_at < :to""";

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final TypeReference<Map<String, String>> DETAIL = new TypeReference<>() {
	};

	private final JdbcClient jdbc;
	private final JdbcTemplate appending;
	private final Partitions partitions;
	private final JdbcClient streaming;
	private final int periodDays;

	AuditEvents(JdbcClient jdbc, DataSource dataSource, AuditProperties properties, Partitions partitions) {
		this.jdbc = jdbc;
		this.partitions = partitions;
		this.periodDays = properties.periodDays();
		this.appending = new JdbcTemplate(dataSource);
		// A period can hold hundreds of thousands of rows: fetch them in slices (PostgreSQL needs a transaction).
		JdbcTemplate template = new JdbcTemplate(dataSource);
		template.setFetchSize(1000);
		this.streaming = JdbcClient.create(template);
	}

	void insert(NewEvent event) {
		String detail = json(event.detail());
		appending.update(INSERT, statement -> {
			statement.setObject(1, event.period());
			statement.setObject(2, utc(event.occurredAt()));
			if (event.actor() != null) {
				statement.setObject(3, event.actor());
			}
			else {
				statement.setNull(3, Types.OTHER);
			}
			statement.setString(4, event.action());
			statement.setString(5, event.targetType());
			statement.setString(6, event.targetId());
			statement.setString(7, event.outcome());
			statement.setString(8, event.requestId());
			statement.setString(9, detail);
			UUID mentioned = mentioned(event.detail());
			if (mentioned != null) {
				statement.setObject(10, mentioned);
			}
			else {
				statement.setNull(10, Types.OTHER);
			}
		});
	}

	/** The accounts with a successful sign-in in {@code [from, to)} (pseudonyms of erased ones included). */
	List<UUID> signedIn(Instant from, Instant to) {
		return jdbc.sql(SIGNED_IN).param("from", utc(from)).param("to", utc(to)).query(UUID.class).list();
	}

	/** One page, newest first; {@code filter.size() + 1} rows are read so the caller knows whether more follow. */
	List<StoredEvent> search(AuditCriteria filter) {
		AuditCriteria.Sql sql = filter.toSql(COLUMNS, periodDays);
		JdbcClient.StatementSpec statement = jdbc.sql(sql.text());
		sql.params().forEach(statement::param);
		return statement.query((rs, n) -> read(rs)).list();
	}

	/** A period's events in id order, each with the pseudonyms its actor and target are sealed under (or null). */
	void forEachSealedIn(LocalDate period, Consumer<SealedEvent> action) {
		streaming.sql(IN_PERIOD_SEALED).param("period", period).query(rs -> {
			action.accept(new SealedEvent(read(rs), rs.getObject("actor_pseudonym", UUID.class),
					rs.getObject("target_pseudonym", UUID.class)));
		});
	}

	/** The events of {@code period} with {@code after < occurred_at <= through}, as stored, by time and id. */
	void forEachBetween(LocalDate period, Instant after, Instant through, Consumer<StoredEvent> action) {
		streaming.sql(BETWEEN).param("period", period).param("after", utc(after)).param("through", utc(through))
				.query(rs -> {
					action.accept(read(rs));
				});
	}

	/** When the event after the first {@code skip} of {@link #forEachBetween}'s range happened, if there is one. */
	Optional<Instant> timeAfter(LocalDate period, Instant after, Instant through, int skip) {
		return jdbc.sql(TIME_AFTER).param("period", period).param("after", utc(after)).param("through", utc(through))
				.param("skip", skip).query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant()).optional();
	}

	/** When the events about {@code account} happened (erasure: the checkpoints it changes). */
	List<PeriodTime> timesAbout(UUID account) {
		return jdbc.sql(TIMES_ABOUT).param("actor", account).param("target", account.toString())
				.query((rs, n) -> new PeriodTime(rs.getObject("period", LocalDate.class),
						rs.getObject("occurred_at", OffsetDateTime.class).toInstant()))
				.list();
	}

	record PeriodTime(LocalDate period, Instant occurredAt) {
	}

	/** The first period after {@code after} (or from the start) and before {@code before} holding events. */
	LocalDate nextPeriodWithEvents(LocalDate after, LocalDate before) {
		LocalDate from = after == null ? BEFORE_ALL.minusDays(1) : after;
		if (!partitions.enabled()) {
			return jdbc.sql(NEXT_PERIOD).param("after", from).param("before", before).query(LocalDate.class).optional()
				.orElse(null);
		}
		LocalDate inDefault = jdbc.sql(NEXT_PERIOD_IN_DEFAULT).param("after", from).param("before", before)
			.query(LocalDate.class).optional().orElse(null);
		for (LocalDate start : partitions.starts()) {
			if (!start.isAfter(from)) {
				continue;
			}
			if (!start.isBefore(before) || inDefault != null && !start.isBefore(inDefault)) {
				break;
			}
			if (!jdbc.sql(ANY_ROW.formatted(Partitions.name(start))).query(Integer.class).list().isEmpty()) {
				return start;
			}
		}
		return inDefault;
	}

	/** Deletes at most {@code batch} rows of periods before {@code before} from {@code table}. */
	int deleteBatch(String table, LocalDate before, int batch) {
		return jdbc.sql(DELETE_BATCH.formatted(table, table)).param("before", before).param("batch", batch).update();
	}

	/** Every event about {@code account}, oldest first (the right of access). */
	List<StoredEvent> about(UUID account) {
		return jdbc.sql(ABOUT_ACCOUNT).param("actor", account).param("target", account.toString())
				.param("pattern", "%" + account + "%").query((rs, n) -> read(rs)).list();
	}

	/** The keys (period, id) of the events whose detail names {@code account}. */
	/**
	 * Replaces the account's id by {@code pseudonym} wherever an event names it (actor, target, mentioned, and
	 * inside those events' detail); returns the rows changed.
	 */
	int pseudonymise(UUID account, UUID pseudonym) {
		return jdbc.sql(PSEUDONYMISE).param("actor", account).param("pseudonym", pseudonym)
				.param("target", account.toString()).param("pseudonymText", pseudonym.toString()).update();
	}

	record SealedEvent(StoredEvent event, UUID actorPseudonym, UUID targetPseudonym) {
	}

	static OffsetDateTime utc(Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}

	/**
	 * The account an event concerns besides its actor and target: by convention the detail's {@code account}
	 * (see {@link eu.pledge.shared.AuditEntry}); null when there is none or it is not an id.
	 */
	static UUID mentioned(Map<String, String> detail) {
		String account = detail == null ? null : detail.get(MENTIONED_KEY);
		return account != null && AuditSubjects.UUID_TEXT.matcher(account).matches() ? UUID.fromString(account) : null;
	}

	/** Sorted keys: the same detail always has the same text, and the digest covers the text. */
	private static String json(Map<String, String> detail) {
		return JSON.writeValueAsString(new TreeMap<>(detail));
	}

	static Map<String, String> detail(String json) {
		return JSON.readValue(json, DETAIL);
	}

	private static StoredEvent read(ResultSet rs) throws SQLException {
		return new StoredEvent(rs.getLong("id"), rs.getObject("period", LocalDate.class),
				rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getObject("actor", UUID.class),
				rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
				rs.getString("outcome"), rs.getString("request_id"), rs.getString("detail"));
	}

	record NewEvent(LocalDate period, Instant occurredAt, UUID actor, String action, String targetType,
			String targetId, String outcome, String requestId, Map<String, String> detail) {
	}

	/** A row as stored; {@code detail} is the JSON text the digest covers. Holds ids and codes only. */
	record StoredEvent(long id, LocalDate period, Instant occurredAt, UUID actor, String action, String targetType,
			String targetId, String outcome, String requestId, String detail) {
	}
}
