package eu.pledge.contact;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import eu.pledge.privacy.spi.ComplianceCheck;
import eu.pledge.privacy.spi.RetentionSettings;

/**
 * A contact message is kept {@code pledge.contact.retention} after it was received and no longer: read off
 * {@code contact_messages} itself, with one sweep interval of slack. A failure names the messages by id.
 */
@Component
class ContactMessagesCheck implements ComplianceCheck {

	private static final String OLD = """
			SELECT id FROM contact_messages WHERE received_at < :limit ORDER BY received_at, id LIMIT :named""";
	private static final String COUNT_OLD = "SELECT COUNT(*) FROM contact_messages WHERE received_at < :limit";
	private static final String COUNT = "SELECT COUNT(*) FROM contact_messages";

	private final JdbcClient jdbc;
	private final ContactProperties properties;
	private final RetentionSettings sweeper;

	ContactMessagesCheck(JdbcClient jdbc, ContactProperties properties, RetentionSettings sweeper) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.sweeper = sweeper;
	}

	@Override
	public String promise() {
		return "contact-messages-deleted-after-retention";
	}

	@Override
	public Result check(Instant now) {
		Timestamp limit = Timestamp.from(now.minus(properties.retention()).minus(sweeper.sweepInterval()));
		String period = "kept " + properties.retention().toDays() + " days";
		long old = jdbc.sql(COUNT_OLD).param("limit", limit).query(Long.class).single();
		if (old == 0) {
			return Result.pass("no contact message older than its period (" + period + ", "
					+ jdbc.sql(COUNT).query(Long.class).single() + " messages)");
		}
		List<UUID> named = jdbc.sql(OLD).param("limit", limit).param("named", NAMED).query(UUID.class).list();
		return Result.fail(old + " contact messages older than their period (" + period + "): "
				+ ComplianceCheck.named(named, old));
	}
}
