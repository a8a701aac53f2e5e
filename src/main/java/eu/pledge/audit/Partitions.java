package eu.pledge.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * PostgreSQL's partitions of {@code audit_events}, one per period, named {@code audit_events_pYYYYMMDD} after
 * the period's first day. On H2 there are none and every method does nothing.
 */
@Component
class Partitions {

	private static final Logger log = LoggerFactory.getLogger(Partitions.class);

	private static final String PREFIX = "audit_events_p";
	private static final DateTimeFormatter NAME = DateTimeFormatter.BASIC_ISO_DATE;
	private static final String LIST = """
			SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
			WHERE i.inhparent = 'audit_events'::regclass AND c.relname LIKE 'audit_events_p%'
			""";
	private static final String CREATE = "CREATE TABLE IF NOT EXISTS %s PARTITION OF audit_events"
			+ " FOR VALUES FROM ('%s') TO ('%s')";
	// Dropping a partition briefly takes an exclusive lock on the parent; waiting for it behind a long reader
	// would queue every writer behind us, so give up quickly and try again at the next run.
	private static final String LOCK_TIMEOUT = "SET LOCAL lock_timeout = '500ms'";
	private static final String DROP = "DROP TABLE IF EXISTS %s";

	private final JdbcClient jdbc;
	private final AuditProperties properties;
	private final TransactionTemplate transaction;
	private final boolean enabled;

	Partitions(JdbcClient jdbc, AuditProperties properties, DataSource dataSource,
			PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.transaction = new TransactionTemplate(transactions);
		this.enabled = isPostgreSql(dataSource);
	}

	boolean enabled() {
		return enabled;
	}

	/** Creates the partitions of the current period and {@code partitions-ahead} more. */
	int createAhead(LocalDate current) {
		if (!enabled) {
			return 0;
		}
		List<String> existing = names();
		int created = 0;
		LocalDate period = current;
		for (int i = 0; i <= properties.partitionsAhead(); i++, period = properties.periodAfter(period)) {
			String name = PREFIX + NAME.format(period);
			if (existing.contains(name)) {
				continue;
			}
			try {
				jdbc.sql(CREATE.formatted(name, period, properties.periodAfter(period))).update();
				created++;
			}
			catch (DataAccessException ex) {
				// e.g. the default partition already holds rows of that period (the job was down): they stay
				// there, are searched and chained the same, and retention deletes them row by row.
				log.warn("Could not create audit partition {}: {}", name, ex.getMostSpecificCause().getMessage());
			}
		}
		return created;
	}

	/** Drops every partition whose period starts before {@code before}; returns how many. */
	int dropBefore(LocalDate before) {
		if (!enabled) {
			return 0;
		}
		int dropped = 0;
		for (String name : names()) {
			LocalDate start = LocalDate.parse(name.substring(PREFIX.length()), NAME);
			if (!start.isBefore(before)) {
				continue;
			}
			try {
				transaction.executeWithoutResult(status -> {
					jdbc.sql(LOCK_TIMEOUT).update();
					jdbc.sql(DROP.formatted(name)).update();
				});
				dropped++;
			}
			catch (DataAccessException ex) {
				log.warn("Could not drop audit partition {} now, will retry: {}", name,
						ex.getMostSpecificCause().getMessage());
			}
		}
		return dropped;
	}

	private List<String> names() {
		return jdbc.sql(LIST).query(String.class).list().stream()
				.filter(name -> name.length() == PREFIX.length() + 8).toList();
	}

	private static boolean isPostgreSql(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot tell which database holds the audit trail", ex);
		}
	}
}
