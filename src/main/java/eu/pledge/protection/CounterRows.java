package eu.pledge.protection;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import eu.pledge.protection.Admission.Verdict;
import eu.pledge.shared.RowLocks;

/**
 * How an attempt takes hold of a counter's row, which may not exist yet or may be deleted by another attempt
 * finishing at this moment ({@link RowLocks}): lock it if it is there, else insert it already holding the attempt.
 * An attempt that loses the row to other attempts on the same counter {@link #MAX_TRIES} times running is refused
 * as throttled, as the flood of attempts on one counter that causes it deserves.
 */
final class CounterRows {

	private static final Logger log = LoggerFactory.getLogger(CounterRows.class);

	/**
	 * Rounds lost in a row before refusing. Forty attempts without a password check on one address and account,
	 * over two nodes, lost up to nine (2026-12-07); real attempts, each waiting for its hash, lose almost none.
	 */
	static final int MAX_TRIES = 20;

	private CounterRows() {
	}

	/**
	 * Admits an attempt on a counter. {@code lock} reads and locks the row; {@code insertHolding} inserts it
	 * (unless it exists) already counting the attempt and returns the rows inserted, since a new counter admits
	 * its first attempt; {@code decide} admits or refuses on a locked row and counts the attempt.
	 */
	static <T> Admission admit(Supplier<Optional<T>> lock, IntSupplier insertHolding, Function<T, Admission> decide,
			Duration wait, String table) {
		return RowLocks.lockOrInsert(RowLocks.First.LOCK, () -> lock.get().map(decide), insertHolding,
				() -> Admission.ALLOWED, MAX_TRIES, () -> {
					log.warn("Refused a sign-in attempt as throttled: its row in {} changed hands {} times while it was"
							+ " taken", table, MAX_TRIES);
					return new Admission(Verdict.THROTTLED, wait);
				});
	}
}
