package eu.pledge.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;

import eu.pledge.shared.Rejected;

/**
 * What an exception that reached the web edge means for the answer. The one outage Pledge expects is a
 * database it cannot reach: Hikari gives up after its {@code connection-timeout} ({@link
 * SQLTransientConnectionException}), Spring says {@code CannotGetJdbcConnectionException} or, from a query,
 * {@link DataAccessResourceFailureException}; a transaction that cannot begin wraps either. That is a 503 with
 * {@code Retry-After}, not a bug. A row another request holds at this moment (a lock that could not be taken at
 * once or in time, a deadlock) is no bug either: a 409 with {@code Retry-After}, the request changed nothing.
 * Everything else unexpected is a 500.
 */
final class Failures {

	/** How long a client should wait after a 503; Hikari reopens connections within seconds of the database. */
	static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	static final String UNAVAILABLE = "Pledge is briefly unavailable. Please try again in a moment.";
	static final String UNEXPECTED = "Something went wrong on our side. It has been recorded.";
	static final String CONTENDED = "This was being changed by another request at the same moment. Nothing was changed;"
			+ " please try again.";
	/** How long a client should wait after a 409 for a contended row: the other request's transaction is short. */
	static final Duration RETRY_AFTER_CONTENDED = Duration.ofSeconds(1);
	/** PostgreSQL: lock_not_available (NOWAIT, lock_timeout), deadlock_detected, serialization_failure. */
	private static final java.util.Set<String> CONTENDED_STATES = java.util.Set.of("55P03", "40P01", "40001");
	/** H2: LOCK_TIMEOUT_1 (NOWAIT or the lock timeout), DEADLOCK_1. */
	private static final java.util.Set<Integer> CONTENDED_H2_CODES = java.util.Set.of(50200, 40001);

	private Failures() {
	}

	static HttpStatus statusOf(Throwable failure) {
		if (failure instanceof Rejected rejected) {
			return rejected.status();
		}
		if (failure instanceof RequestSizeFilter.BodyTooLargeException) {
			return HttpStatus.CONTENT_TOO_LARGE;
		}
		// a form or query value that is no UTF-8 (half a surrogate pair): Tomcat gives up on it when the CSRF
		// filter or a controller asks for a parameter
		if (failure instanceof InvalidParameterException) {
			return HttpStatus.BAD_REQUEST;
		}
		if (contended(failure)) {
			return HttpStatus.CONFLICT;
		}
		return databaseUnreachable(failure) ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INTERNAL_SERVER_ERROR;
	}

	/** Whether the failure, or anything that caused it, is a row held by another transaction (or a deadlock). */
	static boolean contended(Throwable failure) {
		Throwable cause = failure;
		for (int depth = 0; cause != null && depth < 20; depth++, cause = cause.getCause()) {
			if (cause instanceof PessimisticLockingFailureException) {
				return true;
			}
			if (cause instanceof SQLException sql && (sql.getSQLState() != null && CONTENDED_STATES.contains(sql.getSQLState())
					|| sql.getClass().getName().startsWith("org.h2.") && CONTENDED_H2_CODES.contains(sql.getErrorCode()))) {
				return true;
			}
		}
		return false;
	}

	/** Whether the failure, or anything that caused it, says the database could not be reached. */
	static boolean databaseUnreachable(Throwable failure) {
		Throwable cause = failure;
		for (int depth = 0; cause != null && depth < 20; depth++, cause = cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException || cause instanceof SQLTransientConnectionException) {
				return true;
			}
		}
		return false;
	}

	/** A message a person understands, without anything from the exception itself. */
	static String detail(HttpStatus status) {
		return switch (status.value()) {
			case 503 -> UNAVAILABLE;
			case 409 -> CONTENDED;
			case 413 -> "The request body is too large.";
			case 404 -> "There is nothing here.";
			case 405 -> "This address does not accept this method.";
			default -> status.is5xxServerError() ? UNEXPECTED : "This request could not be handled.";
		};
	}
}
