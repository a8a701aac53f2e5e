package eu.pledge.contact;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import eu.pledge.shared.AccountId;

/** SQL for {@code contact_messages}. The sealed columns are opened by the facade with the message's own key. */
@Repository
class MessageRepository {

	private static final String COLUMNS = "id, received_at, account_id, name_sealed, email_sealed, message_sealed, request_id";
	private static final String INSERT = """
			INSERT INTO contact_messages (id, received_at, account_id, name_sealed, email_sealed, message_sealed)
			VALUES (:id, :received, :account, :name, :email, :message)""";
	private static final String RECENT = "SELECT " + COLUMNS + " FROM contact_messages ORDER BY received_at DESC, id LIMIT :limit";
	private static final String BY_ID = "SELECT " + COLUMNS + " FROM contact_messages WHERE id = :id";
	private static final String OF_ACCOUNT = "SELECT " + COLUMNS
			+ " FROM contact_messages WHERE account_id = :account ORDER BY received_at, id";
	private static final String LINK_REQUEST = "UPDATE contact_messages SET request_id = :request WHERE id = :id";
	private static final String EXPIRED = """
			SELECT id FROM contact_messages WHERE received_at < :cutoff ORDER BY received_at LIMIT :limit""";
	private static final String IDS_OF_ACCOUNT = "SELECT id FROM contact_messages WHERE account_id = :account";
	private static final String DELETE = "DELETE FROM contact_messages WHERE id = :id";

	record Stored(UUID id, Instant receivedAt, AccountId account, String nameSealed, String emailSealed,
			String messageSealed, UUID requestId) {
	}

	private final JdbcClient jdbc;

	MessageRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Stored message) {
		jdbc.sql(INSERT).param("id", message.id()).param("received", Timestamp.from(message.receivedAt()))
				.param("account", message.account() == null ? null : message.account().value())
				.param("name", message.nameSealed()).param("email", message.emailSealed())
				.param("message", message.messageSealed()).update();
	}

	List<Stored> recent(int limit) {
		return jdbc.sql(RECENT).param("limit", limit).query(MessageRepository::row).list();
	}

	Optional<Stored> find(UUID id) {
		return jdbc.sql(BY_ID).param("id", id).query(MessageRepository::row).optional();
	}

	List<Stored> ofAccount(AccountId account) {
		return jdbc.sql(OF_ACCOUNT).param("account", account.value()).query(MessageRepository::row).list();
	}

	List<UUID> idsOfAccount(AccountId account) {
		return jdbc.sql(IDS_OF_ACCOUNT).param("account", account.value()).query(UUID.class).list();
	}

	void linkRequest(UUID id, UUID request) {
		jdbc.sql(LINK_REQUEST).param("id", id).param("request", request).update();
	}

	List<UUID> receivedBefore(Instant cutoff, int limit) {
		return jdbc.sql(EXPIRED).param("cutoff", Timestamp.from(cutoff)).param("limit", limit).query(UUID.class).list();
	}

	boolean delete(UUID id) {
		return jdbc.sql(DELETE).param("id", id).update() == 1;
	}

	private static Stored row(ResultSet rs, int row) throws SQLException {
		UUID account = rs.getObject("account_id", UUID.class);
		return new Stored(rs.getObject("id", UUID.class), rs.getTimestamp("received_at").toInstant(),
				account == null ? null : new AccountId(account), rs.getString("name_sealed"),
				rs.getString("email_sealed"), rs.getString("message_sealed"), rs.getObject("request_id", UUID.class));
	}
}
