package eu.pledge.shared;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code dev_outbox}: mail kept in the database, in clear, only while no SMTP server is configured. */
@Repository
class DevOutbox {

	private static final int KEPT = 200;
	private static final String INSERT = """
			INSERT INTO dev_outbox (recipient, subject, body, created_at) VALUES (:to, :subject, :body, :now)
			""";
	private static final String TRIM = """
			DELETE FROM dev_outbox WHERE id NOT IN (SELECT id FROM dev_outbox ORDER BY id DESC LIMIT 200)
			""";
	private static final String LIST = """
			SELECT recipient, subject, body, created_at FROM dev_outbox ORDER BY id DESC LIMIT 200
			""";
	private static final String FOR_RECIPIENT = """
			SELECT recipient, subject, body FROM dev_outbox WHERE recipient = :to ORDER BY id DESC
			""";
	private static final String DELETE_FOR_RECIPIENT = "DELETE FROM dev_outbox WHERE recipient = :to";
	private static final String DELETE_BEFORE = "DELETE FROM dev_outbox WHERE created_at < :cutoff";

	record Entry(String recipient, String subject, String body, Instant createdAt) {
		@Override
		public String toString() {
			return "Entry[subject=" + subject + "]";
		}
	}

	private final JdbcClient jdbc;

	DevOutbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Keeps the mail, and only the newest {@value #KEPT}. */
	void keep(Mail mail, Instant now) {
		jdbc.sql(INSERT).param("to", mail.to()).param("subject", mail.subject()).param("body", mail.body())
				.param("now", Timestamp.from(now)).update();
		jdbc.sql(TRIM).update();
	}

	List<Entry> newest() {
		return jdbc.sql(LIST).query(Entry.class).list();
	}

	List<Mail> to(String recipient) {
		return jdbc.sql(FOR_RECIPIENT).param("to", recipient)
				.query((rs, row) -> new Mail(rs.getString(1), rs.getString(2), rs.getString(3))).list();
	}

	int deleteTo(String recipient) {
		return jdbc.sql(DELETE_FOR_RECIPIENT).param("to", recipient).update();
	}

	int deleteBefore(Instant cutoff) {
		return jdbc.sql(DELETE_BEFORE).param("cutoff", Timestamp.from(cutoff)).update();
	}
}
