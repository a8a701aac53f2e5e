package eu.pledge.privacy.requests;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import eu.pledge.privacy.RequestStatus;
import eu.pledge.privacy.RequestType;
import eu.pledge.shared.AccountId;

/** SQL for the {@code privacy_requests} table. Sealed columns stay sealed here; the facade opens them. */
@Repository
public class RequestRepository {

	private static final String COLUMNS = """
			id, type, account_id, contact_email_sealed, received_on, due_on, status, extension_reason_sealed,
			rejection_reason_sealed, notes_sealed, contact_message_id, recorded_by, recorded_at, closed_at, purpose""";
	private static final String INSERT = """
			INSERT INTO privacy_requests (id, type, account_id, contact_email_sealed, received_on, due_on, status,
				notes_sealed, contact_message_id, recorded_by, recorded_at, updated_at, purpose, open_objection)
			VALUES (:id, :type, :account, :email, :received, :due, 'OPEN', :notes, :message, :by, :now, :now, :purpose,
				:purpose)""";
	private static final String UPDATE = """
			UPDATE privacy_requests SET status = :status, due_on = :due, extension_reason_sealed = :extension,
				rejection_reason_sealed = :rejection, notes_sealed = :notes, closed_at = :closed, updated_at = :now,
				open_objection = CASE WHEN :open THEN open_objection ELSE NULL END
			WHERE id = :id""";
	private static final String BY_ID = "SELECT " + COLUMNS + " FROM privacy_requests WHERE id = :id";
	private static final String LOCK = "SELECT id FROM privacy_requests WHERE id = :id FOR UPDATE";
	// Open requests first, the nearest deadline on top; then closed ones, the most recently closed first.
	private static final String ALL = "SELECT " + COLUMNS + """
			 FROM privacy_requests
			ORDER BY CASE WHEN closed_at IS NULL THEN 0 ELSE 1 END, due_on, closed_at DESC, recorded_at, id
			LIMIT :limit""";
	private static final String OF_ACCOUNT = "SELECT " + COLUMNS
			+ " FROM privacy_requests WHERE account_id = :account ORDER BY received_on, id";
	private static final String ANONYMISE = """
			UPDATE privacy_requests SET account_id = NULL, contact_email_sealed = NULL, extension_reason_sealed = NULL,
				rejection_reason_sealed = NULL, notes_sealed = NULL, anonymised = TRUE, open_objection = NULL
			WHERE id = :id""";
	private static final String EXPIRED = """
			SELECT id FROM privacy_requests WHERE closed_at IS NOT NULL AND closed_at < :cutoff
			ORDER BY closed_at LIMIT :limit""";
	private static final String DELETE = "DELETE FROM privacy_requests WHERE id = :id";

	/**
	 * A row as stored; the sealed fields are opened with the vault key whose owner id is the request id.
	 *
	 * @param purpose the purpose an objection is about (the inventory's name, lower case), else null
	 */
	public record Stored(UUID id, RequestType type, AccountId account, String emailSealed, LocalDate receivedOn,
			LocalDate dueOn, RequestStatus status, String extensionSealed, String rejectionSealed, String notesSealed,
			UUID contactMessageId, AccountId recordedBy, Instant recordedAt, Instant closedAt, String purpose) {
	}

	private final JdbcClient jdbc;

	RequestRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Inserts an open request. With a {@code purpose} (an objection) a second open one of the account for the same
	 * purpose violates the unique key: {@link org.springframework.dao.DuplicateKeyException}.
	 */
	public void insert(UUID id, RequestType type, AccountId account, String emailSealed, LocalDate received, LocalDate due,
			String notesSealed, UUID contactMessage, AccountId by, Instant now, String purpose) {
		jdbc.sql(INSERT).param("purpose", purpose).param("id", id).param("type", type.name()).param("account", account == null ? null : account.value())
				.param("email", emailSealed).param("received", Date.valueOf(received)).param("due", Date.valueOf(due))
				.param("notes", notesSealed).param("message", contactMessage).param("by", by.value())
				.param("now", Timestamp.from(now)).update();
	}

	public void update(Stored changed, Instant now) {
		jdbc.sql(UPDATE).param("id", changed.id()).param("status", changed.status().name())
				.param("due", Date.valueOf(changed.dueOn())).param("extension", changed.extensionSealed())
				.param("rejection", changed.rejectionSealed()).param("notes", changed.notesSealed())
				.param("closed", changed.closedAt() == null ? null : Timestamp.from(changed.closedAt()))
				.param("open", changed.closedAt() == null).param("now", Timestamp.from(now)).update();
	}

	public Optional<Stored> find(UUID id) {
		return jdbc.sql(BY_ID).param("id", id).query(RequestRepository::row).optional();
	}

	/** Locks the row for a change, so two administrators cannot both extend or close it. */
	public Optional<Stored> lock(UUID id) {
		if (jdbc.sql(LOCK).param("id", id).query(UUID.class).optional().isEmpty()) {
			return Optional.empty();
		}
		return find(id);
	}

	public List<Stored> all(int limit) {
		return jdbc.sql(ALL).param("limit", limit).query(RequestRepository::row).list();
	}

	public List<Stored> ofAccount(AccountId account) {
		return jdbc.sql(OF_ACCOUNT).param("account", account.value()).query(RequestRepository::row).list();
	}

	public void anonymise(UUID id) {
		jdbc.sql(ANONYMISE).param("id", id).update();
	}

	List<UUID> closedBefore(Instant cutoff, int limit) {
		return jdbc.sql(EXPIRED).param("cutoff", Timestamp.from(cutoff)).param("limit", limit).query(UUID.class).list();
	}

	public void delete(UUID id) {
		jdbc.sql(DELETE).param("id", id).update();
	}

	private static Stored row(ResultSet rs, int row) throws SQLException {
		UUID account = rs.getObject("account_id", UUID.class);
		Timestamp closed = rs.getTimestamp("closed_at");
		return new Stored(rs.getObject("id", UUID.class), RequestType.valueOf(rs.getString("type")),
				account == null ? null : new AccountId(account), rs.getString("contact_email_sealed"),
				rs.getDate("received_on").toLocalDate(), rs.getDate("due_on").toLocalDate(),
				RequestStatus.valueOf(rs.getString("status")), rs.getString("extension_reason_sealed"),
				rs.getString("rejection_reason_sealed"), rs.getString("notes_sealed"),
				rs.getObject("contact_message_id", UUID.class), new AccountId(rs.getObject("recorded_by", UUID.class)),
				rs.getTimestamp("recorded_at").toInstant(), closed == null ? null : closed.toInstant(),
				rs.getString("purpose"));
	}
}
