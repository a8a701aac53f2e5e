package eu.pledge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;

/** What an exception at the web edge means for the answer: an outage, a contended row, or a bug. */
class FailuresTests {

	@Test
	void aRowAnotherRequestHoldsIsAConflictToRetryNotABug() {
		// PostgreSQL: FOR UPDATE NOWAIT or lock_timeout (55P03), a deadlock (40P01), as Spring translates them
		assertThat(Failures.statusOf(new CannotAcquireLockException("lock", new SQLException("x", "55P03"))))
				.isEqualTo(HttpStatus.CONFLICT);
		assertThat(Failures.statusOf(new RuntimeException(new SQLException("x", "40P01")))).isEqualTo(HttpStatus.CONFLICT);
		// H2: its lock timeout (code 50200), which Spring calls a query timeout
		assertThat(Failures.statusOf(new QueryTimeoutException("lock",
				new org.h2.jdbc.JdbcSQLTimeoutException("Timeout trying to lock table", null, "HYT00", 50200, null, null))))
				.isEqualTo(HttpStatus.CONFLICT);
		assertThat(Failures.detail(HttpStatus.CONFLICT)).contains("another request", "Nothing was changed");
	}

	@Test
	void anOutageIsA503AndEverythingElseA500() {
		assertThat(Failures.statusOf(new RuntimeException(new SQLTransientConnectionException("pool"))))
				.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(Failures.statusOf(new QueryTimeoutException("slow", new SQLException("statement timeout", "57014"))))
				.isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(Failures.statusOf(new DataIntegrityViolationException("duplicate key")))
				.isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
	}
}
