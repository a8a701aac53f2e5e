package eu.pledge.shared;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for {@code mail_queue}, and the sealing of its rows: every mail has a vault key of its own (owner id = row
 * id), so deleting the row and destroying the key leaves nothing readable of it, backups included. Every statement
 * is portable (H2 and PostgreSQL); a claim is one conditional UPDATE, so of two nodes exactly one wins a mail.
 */
@Repository
class MailQueue {

	private static final String INSERT = """
			INSERT INTO mail_queue (id, recipient_index, recipient_sealed, subject_sealed, body_sealed, queued_at,
			attempts, next_attempt_at) VALUES (:id, :index, :recipient, :subject, :body, :now, 0, :now)""";
	private static final String CLAIM = """
			UPDATE mail_queue SET claimed_until = :until
			WHERE id = :id AND (claimed_until IS NULL OR claimed_until < :now)""";
	private static final String DUE = """
			SELECT id FROM mail_queue WHERE next_attempt_at <= :now AND (claimed_until IS NULL OR claimed_until < :now)
			ORDER BY next_attempt_at LIMIT :limit""";
	private static final String FIND = """
			SELECT id, recipient_sealed, subject_sealed, body_sealed, queued_at, attempts FROM mail_queue WHERE id = :id""";
	private static final String FAILED = """
			UPDATE mail_queue SET attempts = :attempts, last_error = :error, next_attempt_at = :next, claimed_until = NULL
			WHERE id = :id""";
	private static final String DELETE = "DELETE FROM mail_queue WHERE id = :id";
	private static final String WAITING = """
			SELECT id, subject_sealed, queued_at, attempts, next_attempt_at, last_error FROM mail_queue
			ORDER BY queued_at, id LIMIT :limit""";
	private static final String STATISTICS = "SELECT COUNT(*) AS waiting, MIN(queued_at) AS oldest FROM mail_queue";
	private static final String FOR_RECIPIENT = """
			SELECT id, recipient_sealed, subject_sealed, body_sealed, queued_at, attempts FROM mail_queue
			WHERE recipient_index = :index ORDER BY queued_at, id""";
	private static final String IDS_FOR_RECIPIENT = "SELECT id FROM mail_queue WHERE recipient_index = :index";

	/** A queued mail, opened. */
	record Queued(UUID id, Mail mail, Instant queuedAt, int attempts) {

		@Override
		public String toString() {
			return "Queued[" + id + "]";
		}
	}

	/** What the outbox page shows of a waiting mail: never its recipient or body. */
	record Waiting(UUID id, String subject, Instant queuedAt, int attempts, Instant nextAttemptAt, String lastError) {
	}

	/** How many mails wait, and since when the oldest (null when none). */
	record Statistics(long waiting, Instant oldest) {
	}

	private final JdbcClient jdbc;
	private final Vault vault;

	MailQueue(JdbcClient jdbc, Vault vault) {
		this.jdbc = jdbc;
		this.vault = vault;
	}

	/** Queues a mail in the caller's transaction; returns its id. */
	UUID add(Mail mail, Instant now) {
		UUID id = UUID.randomUUID();
		RecordKey key = key(id);
		vault.createKey(key);
		jdbc.sql(INSERT).param("id", id).param("index", recipientIndex(mail.to()))
				.param("recipient", vault.seal(key, "recipient", mail.to()))
				.param("subject", vault.seal(key, "subject", mail.subject()))
				.param("body", vault.seal(key, "body", mail.body())).param("now", timestamp(now)).update();
		return id;
	}

	/** Takes the mail for this node until {@code until}, unless another node holds it; false when not taken. */
	boolean claim(UUID id, Instant now, Instant until) {
		return jdbc.sql(CLAIM).param("id", id).param("now", timestamp(now)).param("until", timestamp(until))
				.update() == 1;
	}

	/** Mails due for an attempt at {@code now} that no node holds, the longest due first. */
	List<UUID> due(Instant now, int limit) {
		return jdbc.sql(DUE).param("now", timestamp(now)).param("limit", limit).query(UUID.class).list();
	}

	/** The mail, opened; empty when it is gone (sent by another node, erased) or its key was destroyed. */
	Optional<Queued> find(UUID id) {
		return jdbc.sql(FIND).param("id", id).query(this::opened).list().stream().filter(Objects::nonNull).findFirst();
	}

	/** Counts a failed attempt, keeps the class of its error and lets the mail go until {@code next}. */
	void failed(UUID id, int attempts, String error, Instant next) {
		jdbc.sql(FAILED).param("id", id).param("attempts", attempts).param("error", error)
				.param("next", timestamp(next)).update();
	}

	/** Deletes the mail and destroys its key; in the caller's transaction. */
	void remove(UUID id) {
		jdbc.sql(DELETE).param("id", id).update();
		vault.destroy(key(id));
	}

	List<Waiting> waiting(int limit) {
		return jdbc.sql(WAITING).param("limit", limit).query((rs, row) -> {
			UUID id = rs.getObject("id", UUID.class);
			return new Waiting(id, open(key(id), "subject", rs.getString("subject_sealed")),
					instant(rs.getTimestamp("queued_at")), rs.getInt("attempts"),
					instant(rs.getTimestamp("next_attempt_at")), rs.getString("last_error"));
		}).list().stream().filter(waiting -> waiting.subject() != null).toList();
	}

	Statistics statistics() {
		return jdbc.sql(STATISTICS).query((rs, row) -> new Statistics(rs.getLong("waiting"),
				instant(rs.getTimestamp("oldest")))).single();
	}

	/** The mails waiting for {@code recipient}, oldest first. */
	List<Queued> forRecipient(String recipient) {
		return jdbc.sql(FOR_RECIPIENT).param("index", recipientIndex(recipient)).query(this::opened).list().stream()
				.filter(Objects::nonNull).toList();
	}

	/** Deletes the mails waiting for {@code recipient} and destroys their keys; returns how many. */
	int removeForRecipient(String recipient) {
		List<UUID> ids = jdbc.sql(IDS_FOR_RECIPIENT).param("index", recipientIndex(recipient)).query(UUID.class).list();
		ids.forEach(this::remove);
		return ids.size();
	}

	/**
	 * A keyed hash of the normalised address. Its input is prefixed, so it never equals the accounts' email index
	 * of the same address: a queued mail cannot be joined to an account by its index.
	 */
	private String recipientIndex(String recipient) {
		return vault.blindIndex("mail-recipient:" + recipient.strip().toLowerCase(Locale.ROOT));
	}

	private Queued opened(ResultSet rs, int row) throws SQLException {
		UUID id = rs.getObject("id", UUID.class);
		RecordKey key = key(id);
		String to = open(key, "recipient", rs.getString("recipient_sealed"));
		if (to == null) {
			return null;
		}
		return new Queued(id, new Mail(to, open(key, "subject", rs.getString("subject_sealed")),
				open(key, "body", rs.getString("body_sealed"))), instant(rs.getTimestamp("queued_at")),
				rs.getInt("attempts"));
	}

	private String open(RecordKey key, String field, String sealed) {
		try {
			return vault.open(key, field, sealed);
		}
		catch (Vault.KeyDestroyedException ex) {
			return null; // sent or erased meanwhile
		}
	}

	/** The vault key of one mail: the row's own (mails are not accounts). */
	static RecordKey key(UUID id) {
		return new RecordKey(id);
	}

	/**
	 * In whole milliseconds: the databases round nanoseconds to microseconds, and a queued_at rounded up would put
	 * a mail's deadline after the moment the delivery thread computed it for.
	 */
	private static Timestamp timestamp(Instant instant) {
		return Timestamp.from(instant.truncatedTo(ChronoUnit.MILLIS));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
