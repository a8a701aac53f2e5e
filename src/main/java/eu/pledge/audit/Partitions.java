package eu.pledge.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

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
	// Dropping a partition takes an exclusive lock on the parent until the commit; waiting for it behind a long
	// reader would queue every writer behind us, so give up quickly and try again at the next run.
	private static final String LOCK_TIMEOUT = "SET LOCAL lock_timeout = '500ms'";
	private static final String DROP = "DROP TABLE IF EXISTS %s";
	// Most of a drop is not the catalogue change under that lock but removing the files: PostgreSQL truncates
	// each table and index file after the commit, having released its locks, in time roughly proportional to
	// their size (docs/PERFORMANCE.md). So a batch shares one lock window and one commit flush, and a few
	// connections remove their batches' files at the same time.
	static final int DROP_BATCH = 10;
	static final int DROP_CONNECTIONS = 3;

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
			String name = name(period);
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

	/**
	 * Drops every partition whose period starts before {@code before}; returns how many. The partitions go in
	 * batches of {@link #DROP_BATCH}, one transaction each, on up to {@link #DROP_CONNECTIONS} connections. The
	 * {@code DROP} statements (the part that holds the parent's lock) run one at a time; the commits, which
	 * remove the files after releasing the lock, overlap. When a batch cannot get the lock in time, the batches
	 * not yet started are left for the next run too: each attempt makes writers queue for up to the timeout.
	 */
	int dropBefore(LocalDate before) {
		if (!enabled) {
			return 0;
		}
		List<String> expired = names().stream().filter(name -> start(name).isBefore(before)).sorted().toList();
		List<List<String>> batches = new ArrayList<>();
		for (int i = 0; i < expired.size(); i += DROP_BATCH) {
			batches.add(expired.subList(i, Math.min(expired.size(), i + DROP_BATCH)));
		}
		Drops drops = new Drops();
		if (batches.size() <= 1) {
			return batches.isEmpty() ? 0 : drops.drop(batches.get(0));
		}
		ExecutorService workers = Executors.newFixedThreadPool(Math.min(DROP_CONNECTIONS, batches.size()),
				runnable -> new Thread(runnable, "audit-partition-drop"));
		try {
			List<Future<Integer>> results = new ArrayList<>();
			for (List<String> batch : batches) {
				results.add(workers.submit(() -> drops.drop(batch)));
			}
			int dropped = 0;
			for (Future<Integer> result : results) {
				dropped += result.get();
			}
			return dropped;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while dropping audit partitions", ex);
		}
		catch (ExecutionException ex) {
			throw ex.getCause() instanceof RuntimeException runtime ? runtime
					: new IllegalStateException("Could not drop audit partitions", ex.getCause());
		}
		finally {
			workers.shutdownNow();
		}
	}

	/** The batches of one {@link #dropBefore} run. */
	private final class Drops {

		private final ReentrantLock statements = new ReentrantLock();
		private final AtomicBoolean gaveUp = new AtomicBoolean();

		/** One transaction: all of {@code batch} or, on a lock timeout or any other refusal, none of it. */
		int drop(List<String> batch) {
			if (gaveUp.get()) {
				return 0;
			}
			try {
				Boolean dropped = transaction.execute(status -> {
					jdbc.sql(LOCK_TIMEOUT).update();
					// Only one of our connections at a time holds or waits for the parent's lock, so a writer
					// queues behind at most one batch (and the commit of the one before), never behind all of them.
					statements.lock();
					try {
						if (gaveUp.get()) {
							return false;
						}
						jdbc.sql(DROP.formatted(String.join(", ", batch))).update();
						return true;
					}
					catch (DataAccessException ex) {
						gaveUp.set(true); // before the next batch may start
						throw ex;
					}
					finally {
						statements.unlock();
					}
				});
				return Boolean.TRUE.equals(dropped) ? batch.size() : 0;
			}
			catch (DataAccessException ex) {
				gaveUp.set(true);
				log.warn("Could not drop audit partitions {} to {} now, will retry at the next run: {}", batch.get(0),
						batch.get(batch.size() - 1), ex.getMostSpecificCause().getMessage());
				return 0;
			}
		}
	}

	/** The first days of the periods that have a partition, oldest first. */
	List<LocalDate> starts() {
		return names().stream().map(Partitions::start).sorted().toList();
	}

	static String name(LocalDate start) {
		return PREFIX + NAME.format(start);
	}

	private static LocalDate start(String name) {
		return LocalDate.parse(name.substring(PREFIX.length()), NAME);
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
